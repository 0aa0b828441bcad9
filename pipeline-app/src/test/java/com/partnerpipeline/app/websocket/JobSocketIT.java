package com.partnerpipeline.app.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.SocketClient;
import com.partnerpipeline.app.testing.SocketClient.Message;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.worker.Worker;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@code /ws/jobs/{jobId}} against a real server, PostgreSQL, Redis and workers, in this process
 * and in others.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JobSocketIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(PipelineApplication.class, ENV.configFile().toString());
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ApiClient api;
    private static TestPartner partner;
    private static TestPartner otherPartner;
    private static String schema;

    @TempDir Path dir;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        partner =
                Fixtures.partner(
                        APP.<PipelineApplication>getApplication().infrastructure().jdbi(),
                        "Watcher");
        otherPartner =
                Fixtures.partner(
                        APP.<PipelineApplication>getApplication().infrastructure().jdbi(), "Other");
        schema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
    }

    private String pendingJob(String name, int records) {
        return Fixtures.upload(api, partner, Fixtures.numbersCsv(dir, name, records, 0), schema);
    }

    private static SocketClient watch(int port, String jobId) {
        return SocketClient.connect(port, jobId, "partnerId=" + partner.id(), partner.apiKey());
    }

    @Test
    void everyRefusedHandshakeIsClosedWith1008AndAReasonBeforeAnyJobData() {
        String jobId = pendingJob("refused.csv", 10);
        String mine = "partnerId=" + partner.id();
        record Attempt(String jobId, String query, String apiKey, String reason) {}
        List<Attempt> attempts =
                List.of(
                        new Attempt(jobId, mine, null, "missing API key"),
                        new Attempt(jobId, mine, "pk_" + "0".repeat(64), "invalid API key"),
                        new Attempt(jobId, null, partner.apiKey(), "missing partnerId"),
                        new Attempt(
                                jobId,
                                "partnerId=" + otherPartner.id(),
                                partner.apiKey(),
                                "partnerId does not match the API key"),
                        new Attempt(
                                jobId,
                                "partnerId=" + otherPartner.id(),
                                otherPartner.apiKey(),
                                "job not found"),
                        new Attempt(
                                UUID.randomUUID().toString(),
                                mine,
                                partner.apiKey(),
                                "job not found"),
                        new Attempt("not-a-job", mine, partner.apiKey(), "job not found"));
        for (Attempt attempt : attempts) {
            SocketClient socket =
                    SocketClient.connect(
                            APP.getLocalPort(), attempt.jobId(), attempt.query(), attempt.apiKey());
            SocketClient.Close close = socket.awaitClose(Duration.ofSeconds(10));
            assertThat(close.code()).as(attempt.toString()).isEqualTo(1008);
            assertThat(close.reason()).as(attempt.toString()).contains(attempt.reason());
            assertThat(socket.messages()).as(attempt.toString()).isEmpty();
        }
    }

    @Test
    void connectedSnapshotComesAtOnceAndTheApiKeyMayBeAQueryParameter() {
        String jobId = pendingJob("snapshot.csv", 10);
        SocketClient socket =
                SocketClient.connect(
                        APP.getLocalPort(),
                        jobId,
                        "partnerId=" + partner.id() + "&apiKey=" + partner.apiKey(),
                        null);

        JsonNode connected = socket.await("connected", Duration.ofSeconds(10)).json();
        assertThat(connected.get("jobId").asText()).isEqualTo(jobId);
        assertThat(connected.get("status").asText()).isEqualTo("PENDING");
        assertThat(connected.get("progress").asInt()).isZero();
        assertThat(connected.get("recordsProcessed").asLong()).isZero();
        assertThat(connected.get("recordsFailed").asLong()).isZero();
        assertThat(socket.messages()).hasSize(1);
        socket.close();
    }

    @Test
    void cancelSendsCompletedThenClosesWith1000AndALateJoinerSeesTheEndAtOnce() {
        String jobId = pendingJob("cancelled.csv", 10);
        SocketClient socket = watch(APP.getLocalPort(), jobId);
        socket.await("connected", Duration.ofSeconds(10));

        assertThat(api.post("/api/jobs/" + jobId + "/cancel", partner.apiKey(), null).status())
                .isEqualTo(200);

        assertThat(socket.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1000);
        assertThat(socket.messages())
                .extracting(Message::type)
                .containsExactly("connected", "completed");
        JsonNode completed = socket.messages("completed").get(0).json();
        assertThat(completed.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(completed.get("message").asText()).contains("cancelled");

        SocketClient late = watch(APP.getLocalPort(), jobId);
        assertThat(late.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1000);
        assertThat(late.messages())
                .extracting(Message::type)
                .containsExactly("connected", "completed");
        assertThat(late.messages().get(0).json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void anEndWhoseEventWasLostIsFoundInTheDatabase() {
        String jobId = pendingJob("lost-event.csv", 10);
        SocketClient socket = watch(APP.getLocalPort(), jobId);
        socket.await("connected", Duration.ofSeconds(10));

        // as if the worker's completed event never reached Redis
        APP.<PipelineApplication>getApplication()
                .infrastructure()
                .jdbi()
                .useHandle(
                        handle ->
                                handle.execute(
                                        "UPDATE jobs SET status = 'FAILED', error_message = 'the file vanished' WHERE id = ?",
                                        UUID.fromString(jobId)));

        assertThat(socket.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1000);
        JsonNode completed = socket.await("completed", Duration.ofSeconds(1)).json();
        assertThat(completed.get("status").asText()).isEqualTo("FAILED");
        assertThat(completed.get("message").asText()).isEqualTo("the file vanished");
    }

    @Test
    void aRunningJobStreamsThrottledProgressCappedErrorsThenCompleted() throws Exception {
        int records = 600_000; // a few seconds of work: several progress messages
        int badEvery = 50;
        String jobId =
                Fixtures.upload(
                        api,
                        partner,
                        Fixtures.numbersCsv(dir, "live.csv", records, badEvery),
                        schema);
        SocketClient socket = watch(APP.getLocalPort(), jobId);
        socket.await("connected", Duration.ofSeconds(10));
        Worker worker =
                Fixtures.startWorker(
                        APP.<PipelineApplication>getApplication().infrastructure(),
                        APP.getConfiguration(),
                        "live");
        try {
            assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1000);
        } finally {
            worker.stop();
        }
        List<Message> messages = socket.messages();
        assertThat(messages.get(0).type()).isEqualTo("connected");
        assertThat(messages.get(messages.size() - 1).type()).isEqualTo("completed");
        assertThat(messages)
                .allSatisfy(
                        message ->
                                assertThat(message.json().get("jobId").asText()).isEqualTo(jobId));

        long rejected = (records + badEvery - 1) / badEvery;
        JsonNode completed = messages.get(messages.size() - 1).json();
        assertThat(completed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("recordsTotal").asLong()).isEqualTo(records);
        assertThat(completed.get("recordsProcessed").asLong()).isEqualTo(records);
        assertThat(completed.get("recordsFailed").asLong()).isEqualTo(rejected);

        List<Message> progress = socket.messages("progress");
        assertThat(progress).as("the job runs for seconds").hasSizeGreaterThanOrEqualTo(2);
        // on average: one message may arrive late (100 ms flushes, a loaded machine) and so the
        // next one early
        long span =
                progress.get(progress.size() - 1).receivedNanos() - progress.get(0).receivedNanos();
        assertThat(span / (progress.size() - 1))
                .as("progress messages at most one per 2 s")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1_800));
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i).json().get("recordsProcessed").asLong())
                    .isGreaterThanOrEqualTo(
                            progress.get(i - 1).json().get("recordsProcessed").asLong());
        }
        JsonNode last = progress.get(progress.size() - 1).json();
        assertThat(last.get("fileSize").asLong()).isPositive();
        assertThat(last.get("bytesProcessed").asLong())
                .isPositive()
                .isLessThanOrEqualTo(last.get("fileSize").asLong());
        assertThat(last.get("recordsPerSecond").asLong()).isPositive();
        assertThat(last.has("etaSeconds")).isTrue();
        assertThat(last.get("progress").asInt()).isBetween(0, 99);

        List<Message> errors = socket.messages("error");
        double seconds =
                (messages.get(messages.size() - 1).receivedNanos()
                                - messages.get(0).receivedNanos())
                        / 1e9;
        assertThat(errors)
                .as("error messages are capped at 50 a second")
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo((int) (50 * (Math.ceil(seconds) + 1)));
        long suppressed =
                progress.stream()
                        .mapToLong(message -> message.json().get("errorsSuppressed").asLong())
                        .sum();
        assertThat(suppressed).as("the rest are counted in progress messages").isPositive();
        assertThat(errors.size() + suppressed).isLessThanOrEqualTo(rejected);
        JsonNode error = errors.get(0).json();
        assertThat(error.get("recordIndex").asLong() % badEvery).isZero();
        JsonNode field = error.get("errors").get(0);
        assertThat(field.get("field").asText()).isEqualTo("id");
        assertThat(field.get("code").asText()).isEqualTo("invalid_type");
        assertThat(field.get("rawValue").asText())
                .isEqualTo("x" + error.get("recordIndex").asLong());
        assertThat(field.get("message").asText()).isNotBlank();
    }

    @Test
    void aNodeListensToAJobOnlyWhileItHasSocketsOnItAndDropsClientsThatVanish() throws Exception {
        String jobId = pendingJob("listened.csv", 10);
        IntSupplier subscribers =
                () ->
                        (int)
                                redis().getTopic(
                                                ENV.redisKeyPrefix() + ":job-events:" + jobId,
                                                StringCodec.INSTANCE)
                                        .countSubscribers();
        assertThat(subscribers.getAsInt()).isZero();

        SocketClient first = watch(APP.getLocalPort(), jobId);
        SocketClient second = watch(APP.getLocalPort(), jobId);
        first.await("connected", Duration.ofSeconds(10));
        second.await("connected", Duration.ofSeconds(10));
        assertThat(subscribers.getAsInt())
                .as("one subscription per node, whatever the sockets")
                .isEqualTo(1);
        first.close();
        second.close();
        awaitTrue(() -> subscribers.getAsInt() == 0, "unsubscribed once the last socket closed");

        // a client that completes the handshake, then never reads or answers a ping again, without
        // a close frame
        try (Socket vanished = new Socket("127.0.0.1", APP.getLocalPort())) {
            OutputStream out = vanished.getOutputStream();
            out.write(
                    ("GET /ws/jobs/"
                                    + jobId
                                    + "?partnerId="
                                    + partner.id()
                                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                    + "Sec-WebSocket-Version: 13\r\nX-API-Key: "
                                    + partner.apiKey()
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = vanished.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
            awaitTrue(
                    () -> subscribers.getAsInt() == 1, "the silent client is subscribed at first");
            awaitTrue(
                    () -> subscribers.getAsInt() == 0,
                    "the silent client is dropped after the idle timeout");
        }
    }

    @Test
    void workerEventsReachEveryNodeForItsOwnJobsOnlyAndShutdownClosesWith1001() throws Exception {
        int secondPort = AppProcess.freePort();
        Process secondNode =
                AppProcess.start(
                        "server",
                        ENV.configFileWithPorts(secondPort, AppProcess.freePort()),
                        dir.resolve("second-node.log"));
        Process worker = null;
        try {
            awaitTrue(() -> new ApiClient(secondPort).healthy(), "the second API node is up");
            String here =
                    Fixtures.upload(
                            api,
                            partner,
                            Fixtures.numbersCsv(dir, "here.csv", 50_000, 1_000),
                            schema);
            String there =
                    Fixtures.upload(
                            api,
                            partner,
                            Fixtures.numbersCsv(dir, "there.csv", 50_000, 1_000),
                            schema);
            SocketClient onThisNode = watch(APP.getLocalPort(), here);
            SocketClient onSecondNode = watch(secondPort, there);
            onThisNode.await("connected", Duration.ofSeconds(10));
            onSecondNode.await("connected", Duration.ofSeconds(10));

            worker = AppProcess.start("worker", ENV.configFile(), dir.resolve("worker.log"));
            assertThat(onThisNode.awaitClose(WAIT).code()).isEqualTo(1000);
            assertThat(onSecondNode.awaitClose(WAIT).code()).isEqualTo(1000);
            for (var socket : List.of(onThisNode, onSecondNode)) {
                String jobId = socket == onThisNode ? here : there;
                assertThat(socket.messages())
                        .extracting(message -> message.json().get("jobId").asText())
                        .containsOnly(jobId);
                assertThat(socket.messages(("progress"))).isNotEmpty();
                assertThat(socket.messages(("error"))).isNotEmpty();
                JsonNode completed = socket.messages("completed").get(0).json();
                assertThat(completed.get("recordsProcessed").asLong()).isEqualTo(50_000);
                assertThat(completed.get("recordsFailed").asLong()).isEqualTo(50);
            }

            worker.destroy();
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            SocketClient atShutdown = watch(secondPort, pendingJob("never-run.csv", 10));
            atShutdown.await("connected", Duration.ofSeconds(10));
            secondNode.destroy(); // SIGTERM
            SocketClient.Close close = atShutdown.awaitClose(Duration.ofSeconds(30));
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).contains("shutting down");
        } finally {
            if (worker != null) {
                worker.destroyForcibly().waitFor();
            }
            secondNode.destroyForcibly().waitFor();
        }
    }

    private static RedissonClient redis() {
        return APP.<PipelineApplication>getApplication().infrastructure().redis();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Fixtures.sleep(50);
        }
    }
}
