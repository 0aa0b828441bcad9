package com.partnerpipeline.processing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundSinkTest {
    private static RecordBatch batch(long last) {
        return new RecordBatch(List.of(), List.of(), last, 0);
    }

    @Test
    void writesEveryBatchInOrderBeforeFinishReturns() {
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        try (BackgroundSink<RecordBatch> sink = BackgroundSink.of(batch -> {
            sleep(1);
            batch.valid().forEach(record -> written.add(record.index()));
        }, 2, "test-writer")) {
            for (long i = 0; i < 50; i++) {
                sink.write(new RecordBatch(List.of(new ValidRecord(i, 0, new Object[0])), List.of(), i, 0));
            }
            sink.finish();
        }
        assertThat(written).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 50).boxed().toList());
    }

    @Test
    void batchesThatQueuedUpWhileTheTargetWasBusyAreWrittenTogether() {
        List<RecordBatch> written = Collections.synchronizedList(new ArrayList<>());
        try (BackgroundSink<RecordBatch> sink = BackgroundSink.of(batch -> {
            sleep(20);
            written.add(batch);
        }, 8, "test-writer")) {
            for (long i = 0; i < 40; i++) {
                sink.write(new RecordBatch(List.of(new ValidRecord(i, i + 2, new Object[0])), List.of(), i, i * 10));
            }
            sink.finish();
        }
        assertThat(written.size()).isLessThan(40);
        assertThat(written.stream().flatMap(b -> b.valid().stream()).map(ValidRecord::index).toList())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 40).boxed().toList());
        assertThat(written.get(written.size() - 1).lastRecordIndex()).isEqualTo(39);
        assertThat(written.get(written.size() - 1).bytesConsumed()).isEqualTo(390);
    }

    @Test
    void failureOfTheTargetSurfacesInTheLoopAndNothingAfterItIsWritten() {
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        try (BackgroundSink<RecordBatch> sink = BackgroundSink.of(batch -> {
            sleep(5);
            if (batch.lastRecordIndex() >= 3) {
                throw new IllegalStateException("database gone");
            }
            written.add(batch.lastRecordIndex());
        }, 1, "test-writer")) {
            assertThatThrownBy(() -> {
                for (long i = 0; i < 1_000; i++) {
                    sink.write(batch(i));
                }
                sink.finish();
            }).hasMessage("database gone");
        }
        assertThat(written).isNotEmpty().allMatch(last -> last < 3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
