package com.partnerpipeline.app.upload;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free space of the upload directory's disk, against the reserve that uploads must leave
 * ({@code uploads.minFreeSpace}).
 */
public final class UploadSpace {
    /** One reading of the disk, in bytes. */
    public record Reading(long freeBytes, long totalBytes, long minFreeBytes) {
        /** Below the reserve: health is 503 and every upload is refused. */
        public boolean low() {
            return freeBytes < minFreeBytes;
        }

        /** Whether {@code bytes} more would still leave the reserve free. */
        public boolean roomFor(long bytes) {
            return !low() && bytes <= freeBytes - minFreeBytes;
        }
    }

    private final Path directory;
    private final long minFreeBytes;

    public UploadSpace(Path directory, long minFreeBytes) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * Reads the disk now: the free space is what this process may use (a disk's root reserve does
     * not count). The directory is created if need be, as the first upload would create it, so that
     * a fresh server reports its disk.
     */
    public Reading read() throws IOException {
        Files.createDirectories(directory);
        FileStore disk = Files.getFileStore(directory);
        return new Reading(disk.getUsableSpace(), disk.getTotalSpace(), minFreeBytes);
    }
}
