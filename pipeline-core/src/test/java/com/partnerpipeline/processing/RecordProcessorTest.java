package com.partnerpipeline.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.formats.ReaderLimits;
import com.partnerpipeline.formats.RecordReader;
import com.partnerpipeline.processing.ProcessingResult.Outcome;
import com.partnerpipeline.schema.CompiledSchema;
import com.partnerpipeline.schema.SchemaCompiler;
import com.partnerpipeline.schema.SchemaLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordProcessorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIELDS =
            "[{\"name\": \"id\", \"type\": \"integer\", \"validation\": {\"required\": true}}]";

    /** Collects every batch handed to the sink. */
    static final class CollectingSink implements RecordSink {
        final List<RecordBatch> batches = new ArrayList<>();

        @Override
        public void write(RecordBatch batch) {
            batches.add(batch);
        }

        List<Long> validIndexes() {
            return batches.stream()
                    .flatMap(b -> b.valid().stream())
                    .map(ValidRecord::index)
                    .toList();
        }

        List<Long> rejectedIndexes() {
            return batches.stream()
                    .flatMap(b -> b.rejected().stream())
                    .map(RejectedRecord::index)
                    .toList();
        }
    }

    /** ids 0..n-1, one per line; ids in {@code invalid} are written as "x". */
    static String csv(int records, long... invalid) {
        StringBuilder content = new StringBuilder("id\n");
        for (long i = 0; i < records; i++) {
            long id = i;
            content.append(
                            LongStream.of(invalid).anyMatch(bad -> bad == id)
                                    ? "x"
                                    : String.valueOf(i))
                    .append('\n');
        }
        return content.toString();
    }

    static ProcessingResult run(
            String content,
            String rules,
            ProcessingOptions options,
            RecordSink sink,
            ProgressListener listener,
            BooleanSupplier cancelled)
            throws Exception {
        CompiledSchema schema =
                new SchemaCompiler(SchemaLimits.DEFAULTS)
                        .compile(
                                JSON.readTree(FIELDS), rules == null ? null : JSON.readTree(rules));
        try (RecordReader reader =
                FileFormat.CSV.open(
                        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                        ReaderLimits.DEFAULTS)) {
            return new RecordProcessor(options).process(reader, schema, sink, listener, cancelled);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void handsEveryRecordToTheSinkInOrderInContiguousBatches(int parallelism) throws Exception {
        CollectingSink sink = new CollectingSink();

        ProcessingResult result =
                run(
                        csv(2_500, 5, 700, 2_499),
                        null,
                        new ProcessingOptions(100, 0, parallelism),
                        sink,
                        ProgressListener.NONE,
                        () -> false);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.totals())
                .isEqualTo(
                        new ProcessingProgress(
                                2_500, 2_497, 3, 3, result.totals().bytesConsumed()));
        assertThat(sink.validIndexes()).hasSize(2_497).isSorted();
        assertThat(sink.rejectedIndexes()).containsExactly(5L, 700L, 2_499L);
        assertThat(sink.batches).allMatch(batch -> batch.valid().size() <= 100);
        assertThat(sink.batches)
                .extracting(RecordBatch::lastRecordIndex)
                .isSorted()
                .endsWith(2_499L);
        long previousLast = -1;
        for (RecordBatch batch : sink.batches) {
            long first =
                    Math.min(
                            batch.valid().isEmpty() ? Long.MAX_VALUE : batch.valid().get(0).index(),
                            batch.rejected().isEmpty()
                                    ? Long.MAX_VALUE
                                    : batch.rejected().get(0).index());
            assertThat(first)
                    .as("a batch starts right after the previous one")
                    .isEqualTo(previousLast + 1);
            previousLast = batch.lastRecordIndex();
        }
    }

    @Test
    void parallelAndSequentialRunsProduceTheSameRecords() throws Exception {
        CollectingSink sequential = new CollectingSink();
        CollectingSink parallel = new CollectingSink();
        String content = csv(10_000, 1, 2, 3, 5_000, 9_999);

        run(
                content,
                null,
                new ProcessingOptions(100, 0, 1),
                sequential,
                ProgressListener.NONE,
                () -> false);
        run(
                content,
                null,
                new ProcessingOptions(100, 0, 4),
                parallel,
                ProgressListener.NONE,
                () -> false);

        assertThat(parallel.validIndexes()).isEqualTo(sequential.validIndexes());
        assertThat(parallel.rejectedIndexes()).isEqualTo(sequential.rejectedIndexes());
        assertThat(
                        parallel.batches.stream()
                                .flatMap(b -> b.valid().stream())
                                .map(r -> r.values()[0])
                                .toList())
                .isEqualTo(
                        sequential.batches.stream()
                                .flatMap(b -> b.valid().stream())
                                .map(r -> r.values()[0])
                                .toList());
    }

    @Test
    void reportsProgressAfterEveryBatch() throws Exception {
        List<ProcessingProgress> reports = new ArrayList<>();

        run(
                csv(250),
                null,
                new ProcessingOptions(100, 0, 1),
                new CollectingSink(),
                reports::add,
                () -> false);

        assertThat(reports)
                .extracting(ProcessingProgress::recordsRead)
                .containsExactly(100L, 200L, 250L);
        assertThat(reports.get(2).bytesConsumed()).isEqualTo(csv(250).length());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void cancellationStopsSoonAndHandsOverWhatWasEvaluated(int parallelism) throws Exception {
        CollectingSink sink = new CollectingSink();
        AtomicInteger polls = new AtomicInteger();

        ProcessingResult result =
                run(
                        csv(10_000),
                        null,
                        new ProcessingOptions(100, 0, parallelism),
                        sink,
                        ProgressListener.NONE,
                        () -> polls.incrementAndGet() > 250);

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.totals().recordsRead()).isEqualTo(250);
        assertThat(sink.validIndexes())
                .hasSize(250)
                .containsExactlyElementsOf(LongStream.range(0, 250).boxed().toList());
    }

    @Test
    void maxErrorsFailsTheRunOnceExceeded() throws Exception {
        CollectingSink sink = new CollectingSink();

        ProcessingResult result =
                run(
                        csv(1_000, 10, 20, 30, 40),
                        "{\"maxErrors\": 2}",
                        ProcessingOptions.DEFAULTS,
                        sink,
                        ProgressListener.NONE,
                        () -> false);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message())
                .isEqualTo("error threshold exceeded: more than 2 records rejected (maxErrors)");
        assertThat(result.totals().recordsRead()).isEqualTo(31);
        assertThat(sink.rejectedIndexes()).containsExactly(10L, 20L, 30L);
        assertThat(sink.validIndexes()).hasSize(28);
    }

    @Test
    void maxErrorRateIsJudgedOnlyAfterTheMinimumSample() throws Exception {
        String rules = "{\"maxErrorRate\": 0.1, \"minRecordsForErrorRate\": 50}";

        ProcessingResult early =
                run(
                        csv(100, 0, 1, 2),
                        rules,
                        ProcessingOptions.DEFAULTS,
                        new CollectingSink(),
                        ProgressListener.NONE,
                        () -> false);
        ProcessingResult failing =
                run(
                        csv(100, LongStream.range(0, 60).filter(i -> i % 5 == 0).toArray()),
                        rules,
                        ProcessingOptions.DEFAULTS,
                        new CollectingSink(),
                        ProgressListener.NONE,
                        () -> false);

        assertThat(early.outcome()).as("3 of 100 is under 10%").isEqualTo(Outcome.COMPLETED);
        assertThat(failing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failing.totals().recordsRead()).isEqualTo(50);
        assertThat(failing.message())
                .isEqualTo(
                        "error threshold exceeded: 10 of 50 records rejected, above the allowed rate of 0.1 (maxErrorRate)");
    }

    @Test
    void tinyFileBelowTheSampleIsNotFailedByRate() throws Exception {
        ProcessingResult result =
                run(
                        csv(10, 1, 2, 3),
                        "{\"maxErrorRate\": 0.1}",
                        ProcessingOptions.DEFAULTS,
                        new CollectingSink(),
                        ProgressListener.NONE,
                        () -> false);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.totals().recordsRejected()).isEqualTo(3);
    }

    @Test
    void unreadableFileFailsAfterHandingOverEveryRecordBeforeTheBreak() throws Exception {
        CollectingSink sink = new CollectingSink();
        String content = "id\n" + "1\n".repeat(150) + "2,too many columns\n";
        byte[] bytes = (content + "3\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, withBadByte, 0, bytes.length);
        withBadByte[bytes.length] = (byte) 0xC3; // a truncated two-byte sequence
        withBadByte[bytes.length + 1] = '\n';
        withBadByte[bytes.length + 2] = '4';
        CompiledSchema schema =
                new SchemaCompiler(SchemaLimits.DEFAULTS).compile(JSON.readTree(FIELDS), null);

        ProcessingResult result;
        try (RecordReader reader =
                FileFormat.CSV.open(new ByteArrayInputStream(withBadByte), ReaderLimits.DEFAULTS)) {
            result =
                    new RecordProcessor(new ProcessingOptions(100, 0, 2))
                            .process(reader, schema, sink, ProgressListener.NONE, () -> false);
        }

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message())
                .isEqualTo(
                        "cannot read the file at record 152 (line 154, column 1): invalid UTF-8 byte sequence");
        assertThat(sink.validIndexes())
                .hasSize(151); // 150 ones, then the 3 after the malformed row
        assertThat(sink.rejectedIndexes()).containsExactly(150L);
        assertThat(result.totals().recordsRead()).isEqualTo(152);
    }

    @Test
    void resumedRunJudgesThresholdsOnTheWholeFile() throws Exception {
        ProcessingProgress earlier = new ProcessingProgress(500, 498, 2, 2, 0);

        ProcessingResult result =
                run(
                        csv(1_000, 700),
                        "{\"maxErrors\": 2}",
                        new ProcessingOptions(100, 500, 1, earlier),
                        new CollectingSink(),
                        ProgressListener.NONE,
                        () -> false);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.totals().recordsRejected()).isEqualTo(3);
        assertThat(result.totals().recordsRead()).isEqualTo(701);
    }

    @Test
    void resumesAfterRecordsStoredByAnEarlierRun() throws Exception {
        CollectingSink sink = new CollectingSink();

        ProcessingResult result =
                run(
                        csv(1_000, 999),
                        null,
                        new ProcessingOptions(100, 600, 2),
                        sink,
                        ProgressListener.NONE,
                        () -> false);

        assertThat(result.totals().recordsRead()).isEqualTo(400);
        assertThat(sink.validIndexes()).first().isEqualTo(600L);
        assertThat(sink.validIndexes()).hasSize(399);
        assertThat(sink.rejectedIndexes()).containsExactly(999L);
    }
}
