package com.partnerpipeline.processing;

import com.partnerpipeline.formats.ReadItem;
import com.partnerpipeline.formats.RecordReader;
import com.partnerpipeline.formats.UnreadableFileException;
import com.partnerpipeline.schema.CompiledSchema;

/**
 * Reads and evaluates on the caller's thread: no threads of its own, for callers that run many
 * files at once.
 */
final class SequentialEvaluation implements EvaluationSource {
    private final RecordReader reader;
    private final RecordEvaluator evaluator;
    private final long resumeAtIndex;

    SequentialEvaluation(RecordReader reader, CompiledSchema schema, long resumeAtIndex) {
        this.reader = reader;
        this.evaluator = new RecordEvaluator(schema);
        this.resumeAtIndex = resumeAtIndex;
    }

    @Override
    public Evaluation next() throws UnreadableFileException {
        ReadItem item;
        do {
            item = reader.next();
        } while (item != null && item.index() < resumeAtIndex);
        return item == null ? null : evaluator.evaluate(item);
    }

    @Override
    public long bytesConsumed() {
        return reader.bytesConsumed();
    }

    @Override
    public void close() {
        // the reader belongs to the caller
    }
}
