package com.partnerpipeline.app.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A dev killed with SIGKILL leaves its PostgreSQL and Redis running on its data. The next dev holds
 * the data directory's lock, so a live process named in a pid file there can only be such a
 * leftover: it is stopped, or PostgreSQL would refuse to start on a data directory in use.
 */
final class LeftoverProcess {
    private LeftoverProcess() {}

    /**
     * @param executable part of the process's executable name, so a pid reused by another program
     *     is left alone
     */
    static void stop(Path pidFile, String executable) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> leftover =
                Files.readAllLines(pidFile).stream()
                        .findFirst()
                        .map(String::strip)
                        .filter(line -> line.matches("\\d+"))
                        .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                        .filter(
                                process ->
                                        process.info()
                                                .command()
                                                .map(command -> command.contains(executable))
                                                .orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle process = leftover.get();
        process.destroy(); // SIGTERM: PostgreSQL and Redis shut down cleanly
        try {
            process.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
