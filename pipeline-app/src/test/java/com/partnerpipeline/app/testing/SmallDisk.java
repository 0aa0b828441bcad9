package com.partnerpipeline.app.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real file system of a few MiB (tmpfs), so that a write past its end fails with ENOSPC exactly
 * as on a full disk. Mounting needs root with the mount capability, which a container may not
 * grant: {@link #mount} then says why in {@link #unavailableBecause()} instead of failing, and the
 * tests that need it say so when they skip.
 */
public final class SmallDisk implements AutoCloseable {
    private static String unavailable = "";

    private final Path directory;

    private SmallDisk(Path directory) {
        this.directory = directory;
    }

    /**
     * Mounts a tmpfs of {@code bytes} on a new directory {@code directory}; empty if this machine
     * does not let us.
     */
    public static Optional<SmallDisk> mount(Path directory, long bytes) {
        try {
            Files.createDirectories(directory);
            String failure =
                    run(
                            List.of(
                                    "mount",
                                    "-t",
                                    "tmpfs",
                                    "-o",
                                    "size=" + bytes,
                                    "tmpfs",
                                    directory.toString()));
            if (failure != null) {
                unavailable = "cannot mount a small tmpfs here (" + failure + ")";
                return Optional.empty();
            }
        } catch (IOException e) {
            unavailable = "cannot mount a small tmpfs here (" + e.getMessage() + ")";
            return Optional.empty();
        }
        SmallDisk disk = new SmallDisk(directory);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(disk::close)); // never leave a mount behind a crashed run
        return Optional.of(disk);
    }

    /** Why the last {@link #mount} found no small disk. */
    public static String unavailableBecause() {
        return unavailable;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Lazily, so a file still open by a server that has not stopped yet does not keep the mount.
     */
    @Override
    public void close() {
        try {
            run(List.of("umount", "-l", directory.toString()));
        } catch (IOException e) {
            System.err.println("could not unmount " + directory + ": " + e.getMessage());
        }
    }

    /** Null when the command succeeded, else what it said. */
    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        String output =
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    }
}
