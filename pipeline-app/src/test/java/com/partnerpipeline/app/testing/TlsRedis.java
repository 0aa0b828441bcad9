package com.partnerpipeline.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A Redis of one test's own that speaks only TLS (rediss://), with a password for the default user
 * and an ACL user, as managed Redis services run: the machine's redis-server binary, a certificate
 * for 127.0.0.1 made with the JDK's keytool, and a trust store holding it for the clients.
 */
public final class TlsRedis implements AutoCloseable {
    private static final String STORE_PASSWORD = "test-store-pass";

    private final Process process;
    private final int port;
    private final Path trustStore;
    private final String password;

    private TlsRedis(Process process, int port, Path trustStore, String password) {
        this.process = process;
        this.port = port;
        this.trustStore = trustStore;
        this.password = password;
    }

    /** The redis-server on the PATH, if there is one. */
    public static Optional<Path> binary() {
        for (String directory :
                System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * @param password the default user's (requirepass)
     * @param user an ACL user with every right, and {@code userPassword}
     */
    public static TlsRedis start(
            Path binary, Path directory, String password, String user, String userPassword) {
        try {
            Path keyStore = directory.resolve("redis.p12");
            run(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "redis",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "2",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-keystore",
                    keyStore.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    STORE_PASSWORD,
                    "-keypass",
                    STORE_PASSWORD);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keyStore)) {
                keys.load(in, STORE_PASSWORD.toCharArray());
            }
            Key key = keys.getKey("redis", STORE_PASSWORD.toCharArray());
            Certificate certificate = keys.getCertificate("redis");
            Path keyFile = directory.resolve("redis.key");
            Path certificateFile = directory.resolve("redis.crt");
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("redis", certificate);
            Path trustStore = directory.resolve("trust.p12");
            try (var out = Files.newOutputStream(trustStore)) {
                trust.store(out, STORE_PASSWORD.toCharArray());
            }

            int port = AppProcess.freePort();
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    binary.toString(),
                                    "--port",
                                    "0",
                                    "--bind",
                                    "127.0.0.1",
                                    "--tls-port",
                                    String.valueOf(port),
                                    "--tls-cert-file",
                                    certificateFile.toString(),
                                    "--tls-key-file",
                                    keyFile.toString(),
                                    "--tls-auth-clients",
                                    "no",
                                    "--requirepass",
                                    password,
                                    "--user",
                                    user,
                                    "on",
                                    ">" + userPassword,
                                    "~*",
                                    "&*",
                                    "+@all",
                                    "--save",
                                    "",
                                    "--appendonly",
                                    "no",
                                    "--dir",
                                    directory.toString()));
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(directory.resolve("redis.log").toFile())
                            .start();
            TlsRedis redis = new TlsRedis(process, port, trustStore, password);
            Fixtures.awaitTrue(
                    () -> new AdminClient("127.0.0.1", port).accepts() || !process.isAlive(),
                    Duration.ofSeconds(30),
                    "the TLS Redis on port " + port + " listens");
            if (!process.isAlive()) {
                String log = Files.readString(directory.resolve("redis.log"));
                if (log.contains("Bad directive")
                        || log.contains("not supported")) { // built without TLS
                    throw new org.opentest4j.TestAbortedException(
                            "this redis-server cannot run TLS: " + log);
                }
                throw new IllegalStateException("redis-server exited: " + log);
            }
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** JVM options that make a process trust this Redis's certificate. */
    public String trustOptions() {
        return "-Djavax.net.ssl.trustStore="
                + trustStore
                + " -Djavax.net.ssl.trustStorePassword="
                + STORE_PASSWORD
                + " -Djavax.net.ssl.trustStoreType=PKCS12";
    }

    /** A client of this Redis's {@code database}, as the default user. */
    public RedissonClient client(int database) {
        Config config = new Config();
        try {
            config.useSingleServer()
                    .setAddress("rediss://127.0.0.1:" + port)
                    .setDatabase(database)
                    .setPassword(password)
                    .setSslTruststore(trustStore.toUri().toURL())
                    .setSslTruststorePassword(STORE_PASSWORD);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return Redisson.create(config);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
