package com.partnerpipeline.processing;

import com.partnerpipeline.formats.RecordReader;
import com.partnerpipeline.formats.UnreadableFileException;
import com.partnerpipeline.processing.ProcessingResult.Outcome;
import com.partnerpipeline.schema.CompiledSchema;
import com.partnerpipeline.validation.ErrorThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one processing loop: reader, then transform and validate, then sink, in batches. The worker
 * and the offline command both run it, each with its own sink. Whatever way a run ends, the sink
 * has received every record the run counted, in file order, and nothing after them: resuming after
 * the last batch loses and repeats nothing.
 */
public final class RecordProcessor {
    private final ProcessingOptions options;

    public RecordProcessor(ProcessingOptions options) {
        this.options = options;
    }

    /**
     * @param cancelled polled before each record; once it answers true the run stops as {@link
     *     Outcome#CANCELLED}
     */
    public ProcessingResult process(
            RecordReader reader,
            CompiledSchema schema,
            RecordSink sink,
            ProgressListener listener,
            BooleanSupplier cancelled) {
        try (EvaluationSource source =
                options.parallelism() == 1
                        ? new SequentialEvaluation(reader, schema, options.resumeAtIndex())
                        : new ParallelEvaluation(
                                reader, schema, options.resumeAtIndex(), options.parallelism())) {
            Run run = new Run(source, schema.thresholds(), sink, listener, options.resumedFrom());
            try {
                Evaluation evaluation;
                while ((evaluation = source.next()) != null) {
                    if (cancelled.getAsBoolean()) {
                        return run.end(Outcome.CANCELLED, "cancelled");
                    }
                    Optional<String> exceeded = run.accept(evaluation);
                    if (exceeded.isPresent()) {
                        return run.end(
                                Outcome.FAILED, "error threshold exceeded: " + exceeded.get());
                    }
                }
                return run.end(Outcome.COMPLETED, null);
            } catch (UnreadableFileException e) {
                return run.end(Outcome.FAILED, e.getMessage());
            }
        }
    }

    /** The state of one call to {@link #process}. */
    private final class Run {
        private final EvaluationSource source;
        private final ErrorThresholds thresholds;
        private final RecordSink sink;
        private final ProgressListener listener;
        private final long startNanos = System.nanoTime();
        private List<ValidRecord> valid = new ArrayList<>();
        private List<RejectedRecord> rejected = new ArrayList<>();
        private long lastIndex = -1;
        private long recordsRead;
        private long recordsValid;
        private long recordsRejected;
        private long fieldErrors;

        Run(
                EvaluationSource source,
                ErrorThresholds thresholds,
                RecordSink sink,
                ProgressListener listener,
                ProcessingProgress resumedFrom) {
            this.source = source;
            this.thresholds = thresholds;
            this.sink = sink;
            this.listener = listener;
            this.recordsRead = resumedFrom.recordsRead();
            this.recordsValid = resumedFrom.recordsValid();
            this.recordsRejected = resumedFrom.recordsRejected();
            this.fieldErrors = resumedFrom.fieldErrors();
        }

        Optional<String> accept(Evaluation evaluation) {
            recordsRead++;
            lastIndex = evaluation.index();
            if (evaluation instanceof ValidRecord record) {
                valid.add(record);
                recordsValid++;
            } else {
                RejectedRecord record = (RejectedRecord) evaluation;
                rejected.add(record);
                recordsRejected++;
                fieldErrors += record.errors().size();
            }
            if (valid.size() >= options.batchSize() || rejected.size() >= options.batchSize()) {
                flush();
            }
            return thresholds.exceeded(recordsRead, recordsRejected);
        }

        private void flush() {
            if (!valid.isEmpty() || !rejected.isEmpty()) {
                sink.write(new RecordBatch(valid, rejected, lastIndex, source.bytesConsumed()));
                valid = new ArrayList<>();
                rejected = new ArrayList<>();
            }
            listener.onProgress(progress());
        }

        private ProcessingProgress progress() {
            return new ProcessingProgress(
                    recordsRead,
                    recordsValid,
                    recordsRejected,
                    fieldErrors,
                    source.bytesConsumed());
        }

        ProcessingResult end(Outcome outcome, String message) {
            flush();
            return new ProcessingResult(
                    outcome, progress(), message, System.nanoTime() - startNanos);
        }
    }
}
