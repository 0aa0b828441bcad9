package com.partnerpipeline.app.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.PrivatePostgres;
import com.partnerpipeline.app.testing.StoredRecords;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.testing.TestServices;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL killed (every process, SIGKILL) in the middle of a job, and started again, three
 * times: batches it acknowledged may be lost with it, and the job must still end with every record
 * exactly once. Runs against a PostgreSQL of its own; the machine's is never touched.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseCrashIT {
    private static final PrivatePostgres POSTGRES = PrivatePostgres.start();
    private static final TestEnvironment ENV =
            TestEnvironment.create(POSTGRES.admin(), TestServices.redisUrl());
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(PipelineApplication.class, ENV.configFile().toString());
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int RECORDS = 300_000;
    private static final int BAD_EVERY = 97;

    @TempDir Path dir;

    @Test
    void everyRecordIsStoredExactlyOnceThroughThreeCrashesOfPostgres() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        Jdbi jdbi = APP.<PipelineApplication>getApplication().infrastructure().jdbi();
        Fixtures.TestPartner partner = Fixtures.partner(jdbi, "Crashes");
        String schema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        Worker worker =
                Fixtures.startWorker(
                        APP.<PipelineApplication>getApplication().infrastructure(),
                        APP.getConfiguration(),
                        "crash-survivor");
        try {
            String jobId =
                    Fixtures.upload(
                            api,
                            partner,
                            Fixtures.numbersCsv(dir, "crashes.csv", RECORDS, BAD_EVERY),
                            schema);
            for (int crash = 1; crash <= 3; crash++) {
                Fixtures.awaitProcessed(api, partner, jobId, crash * 60_000L, WAIT);
                POSTGRES.crash();
                POSTGRES.restart();
            }

            JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
            assertThat(job.get("recordsTotal").asLong()).isEqualTo(RECORDS);
            StoredRecords.assertEveryRecordExactlyOnce(
                    jdbi, UUID.fromString(jobId), RECORDS, BAD_EVERY);
        } finally {
            worker.stop();
        }
    }
}
