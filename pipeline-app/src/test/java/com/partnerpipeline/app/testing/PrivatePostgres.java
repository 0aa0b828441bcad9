package com.partnerpipeline.app.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A PostgreSQL server of one test class's own, which it may crash: the machine's server is shared
 * and must never be broken. Its data directory and port survive a crash, so a restart recovers from
 * its write-ahead log as a real server would.
 */
public final class PrivatePostgres implements AutoCloseable {
    private final Path directory;
    private final int port;
    private EmbeddedPostgres server;

    private PrivatePostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static PrivatePostgres start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            PrivatePostgres postgres =
                    new PrivatePostgres(
                            Files.createTempDirectory("pipeline-private-postgres"),
                            socket.getLocalPort());
            socket.close();
            postgres.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startServer() {
        IOException last = null;
        for (int attempt = 0;
                attempt < 20;
                attempt++) { // the crashed server's last processes may still be exiting
            try {
                server =
                        EmbeddedPostgres.builder()
                                .setDataDirectory(directory)
                                .setCleanDataDirectory(false)
                                .setPort(port)
                                .setRegisterShutdownHook(false)
                                .setServerConfig("listen_addresses", "127.0.0.1")
                                .start();
                return;
            } catch (IOException e) {
                last = e;
                Fixtures.sleep(500);
            }
        }
        throw new UncheckedIOException("the private PostgreSQL did not start again", last);
    }

    public TestServices.Postgres admin() {
        return new TestServices.Postgres(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    /**
     * SIGKILL of every process of the server at once: what it held only in memory, such as
     * asynchronously committed transactions whose WAL was not yet written, is gone.
     */
    public void crash() {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        List<ProcessHandle> processes =
                new java.util.ArrayList<>(postmaster.descendants().toList());
        processes.add(0, postmaster);
        processes.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)
                && System.nanoTime() < deadline) {
            Fixtures.sleep(50);
        }
        try {
            server.close(); // releases its lock on the data directory; stopping the dead server
            // fails, and is logged
        } catch (IOException e) {
            // nothing left to stop
        }
    }

    /**
     * Starts the crashed server again on the same data and port: it recovers from its write-ahead
     * log.
     */
    public void restart() {
        startServer();
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(
                    Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException e) {
            // the JVM is exiting; the server's directory is temporary
        }
    }
}
