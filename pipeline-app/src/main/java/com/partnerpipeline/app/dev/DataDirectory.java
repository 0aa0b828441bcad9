package com.partnerpipeline.app.dev;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Dev mode's data directory, held under a lock so that a second {@code dev} on the same data gets a
 * clear message instead of PostgreSQL's lock-file error.
 */
public final class DataDirectory implements AutoCloseable {
    /**
     * What dev mode keeps here; {@code --fresh} deletes these and nothing else, whatever directory
     * it is given.
     */
    private static final List<String> OWN_ENTRIES =
            List.of("postgres", "redis", "uploads", "sample-data", DemoPartner.KEY_FILE);

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirectory lock(Path path) throws IOException {
        Files.createDirectories(path);
        FileChannel channel =
                FileChannel.open(
                        path.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException(
                    "another dev instance is using "
                            + path.toAbsolutePath()
                            + "; stop it, or give this one its own directory with --data-dir");
        }
        return new DataDirectory(path, channel, lock);
    }

    public Path path() {
        return path;
    }

    public Path uploads() {
        return path.resolve("uploads");
    }

    /** Forgets every job, schema, partner and file of earlier runs. */
    public void clear() throws IOException {
        for (String entry : OWN_ENTRIES) {
            deleteRecursively(path.resolve(entry));
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException e)
                            throws IOException {
                        Files.delete(directory);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
