package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.db.Databases;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.domain.CancelSignals;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEventPublisher;
import com.partnerpipeline.app.worker.JobRunner;
import com.partnerpipeline.app.domain.JobStatus;
import com.partnerpipeline.app.domain.Sha256;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.worker.JobMetrics;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.processing.offline.ExitCodes;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code process-file config.yml --input FILE --partner ID --schema-id ID}: runs one file as a job, into the
 * database, with the worker's job processing but no Redis, for operators. The file stays where it is.
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
        FileFormat format = FileFormat.fromFileName(input.getFileName().toString()).orElseThrow(() ->
                new IllegalArgumentException("cannot tell the format of " + input + ": use .csv, .json, .jsonl, .ndjson or .xml"));
        Jdbi jdbi = Databases.connect(configuration.getDatabase());
        jdbi.onDemand(SchemaDao.class).findForPartner(schemaId, partnerId).orElseThrow(() ->
                new IllegalArgumentException("partner " + partnerId + " has no schema " + schemaId));
        JobDao jobs = jdbi.onDemand(JobDao.class);
        UUID jobId = UUID.randomUUID();
        jobs.insert(jobId, partnerId, schemaId, input.getFileName().toString(), Files.size(input),
                format.name().toLowerCase(Locale.ROOT), sha256(input), input.toAbsolutePath().toString());

        JobRunner runner = new JobRunner(jdbi, CancelSignals.NONE, JobEventPublisher.NONE, JobMetrics.unread(),
                "process-file-" + jobId, configuration.getProcessing(), configuration.getWorker(),
                configuration.getSchemas().toLimits(), false);
        try {
            runner.run(jobId, () -> false);
        } finally {
            runner.close();
            jobs.forgetFile(jobId); // the operator's file: no sweep or retention may ever delete it
        }
        Job job = jobs.find(jobId).orElseThrow();
        out.printf("job %s: %s%n  records   %,d%n  rejected  %,d%n", jobId, job.status(), job.recordsProcessed(),
                job.recordsFailed());
        if (job.errorMessage() != null) {
            out.println("  " + job.errorMessage());
        }
        if (job.status() != JobStatus.COMPLETED) {
            return ExitCodes.NOT_PROCESSED;
        }
        return job.recordsFailed() == 0 ? ExitCodes.ALL_VALID : ExitCodes.SOME_REJECTED;
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), Sha256.newDigest())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
    }
}
