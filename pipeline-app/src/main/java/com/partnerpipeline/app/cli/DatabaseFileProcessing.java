package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.db.Databases;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.CancelSignals;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEnqueuer;
import com.partnerpipeline.app.domain.JobEventPublisher;
import com.partnerpipeline.app.domain.JobStatus;
import com.partnerpipeline.app.service.JobService;
import com.partnerpipeline.app.service.Refusal;
import com.partnerpipeline.app.upload.StoredUpload;
import com.partnerpipeline.app.upload.UploadRejected;
import com.partnerpipeline.app.upload.UploadStore;
import com.partnerpipeline.app.worker.JobMetrics;
import com.partnerpipeline.app.worker.JobRunner;
import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.processing.offline.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code process-file config.yml --input FILE --partner ID --schema-id ID}: runs one file as a job,
 * into the database, with the worker's job processing but no Redis, for operators. The file stays
 * where it is.
 */
final class DatabaseFileProcessing {
    private final PipelineConfiguration configuration;
    private final PrintStream out;

    DatabaseFileProcessing(PipelineConfiguration configuration, PrintStream out) {
        this.configuration = configuration;
        this.out = out;
    }

    int run(Path input, UUID partnerId, UUID schemaId) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file " + input + " does not exist");
        }
        if (FileFormat.fromFileName(input.getFileName().toString()).isEmpty()) {
            throw new IllegalArgumentException(
                    new FileFormat.Detection.UnknownExtension(input.toString(), Optional.empty())
                            .undetectable());
        }
        StoredUpload file;
        try { // checked as an upload is: not empty, content as named
            file = UploadStore.describe(input);
        } catch (UploadRejected e) {
            throw new IllegalArgumentException(input + ": " + e.getMessage());
        }
        Jdbi jdbi = Databases.connect(configuration.getDatabase());
        JobDao jobs = jdbi.onDemand(JobDao.class);
        // no queue: the job runs here, now
        JobService service =
                new JobService(
                        jobs,
                        jdbi.onDemand(SchemaDao.class),
                        JobEnqueuer.NONE,
                        CancelSignals.NONE,
                        JobEventPublisher.NONE);
        UUID jobId = UUID.randomUUID();
        try {
            service.create(jobId, partnerId, schemaId.toString(), file);
        } catch (Refusal e) {
            throw new IllegalArgumentException(
                    "partner " + partnerId + " has no schema " + schemaId);
        }

        JobRunner runner =
                new JobRunner(
                        jdbi,
                        CancelSignals.NONE,
                        JobEventPublisher.NONE,
                        JobMetrics.unread(),
                        "process-file-" + jobId,
                        configuration.getProcessing(),
                        configuration.getWorker(),
                        configuration.getSchemas().toLimits(),
                        false);
        try {
            runner.run(jobId, () -> false);
        } finally {
            runner.close();
            jobs.forgetFile(jobId); // the operator's file: no sweep or retention may ever delete it
        }
        Job job = jobs.find(jobId).orElseThrow();
        out.printf(
                "job %s: %s%n  records   %,d%n  rejected  %,d%n",
                jobId, job.status(), job.recordsProcessed(), job.recordsFailed());
        if (job.errorMessage() != null) {
            out.println("  " + job.errorMessage());
        }
        if (job.status() != JobStatus.COMPLETED) {
            return ExitCodes.NOT_PROCESSED;
        }
        return job.recordsFailed() == 0 ? ExitCodes.ALL_VALID : ExitCodes.SOME_REJECTED;
    }
}
