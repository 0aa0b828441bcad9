package com.partnerpipeline.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackgroundSinkTest {
    private static RecordBatch batch(long index) {
        return new RecordBatch(
                List.of(new ValidRecord(index, 0, new Object[0])), List.of(), index, 0);
    }

    private static BackgroundSink<RecordBatch> sink(
            BackgroundSink.Store<RecordBatch> store, int capacity) {
        return new BackgroundSink<>(Function.identity(), store, capacity, "test-writer");
    }

    private static List<Long> indexes(List<List<RecordBatch>> stored) {
        return stored.stream()
                .flatMap(List::stream)
                .flatMap(b -> b.valid().stream())
                .map(ValidRecord::index)
                .toList();
    }

    @Test
    void storesEveryBatchInOrderBeforeFinishReturns() {
        List<List<RecordBatch>> stored = Collections.synchronizedList(new ArrayList<>());
        try (BackgroundSink<RecordBatch> sink =
                sink(
                        batches -> {
                            sleep(1);
                            stored.add(batches);
                        },
                        2)) {
            for (long i = 0; i < 50; i++) {
                sink.write(batch(i));
            }
            sink.finish();
        }
        assertThat(indexes(stored))
                .containsExactlyElementsOf(LongStream.range(0, 50).boxed().toList());
    }

    @Test
    void batchesThatQueuedUpWhileTheStoreWasBusyAreStoredTogether() {
        List<List<RecordBatch>> stored = Collections.synchronizedList(new ArrayList<>());
        try (BackgroundSink<RecordBatch> sink =
                sink(
                        batches -> {
                            sleep(20);
                            stored.add(batches);
                        },
                        8)) {
            for (long i = 0; i < 40; i++) {
                sink.write(batch(i));
            }
            sink.finish();
        }
        assertThat(stored.size()).isLessThan(40);
        assertThat(indexes(stored))
                .containsExactlyElementsOf(LongStream.range(0, 40).boxed().toList());
        List<RecordBatch> last = stored.get(stored.size() - 1);
        assertThat(last.get(last.size() - 1).lastRecordIndex()).isEqualTo(39);
    }

    @Test
    void failureOfTheStoreSurfacesInTheLoopAndNothingAfterItIsStored() {
        List<Long> stored = Collections.synchronizedList(new ArrayList<>());
        try (BackgroundSink<RecordBatch> sink =
                sink(
                        batches -> {
                            sleep(5);
                            for (RecordBatch batch : batches) {
                                if (batch.lastRecordIndex() >= 3) {
                                    throw new IllegalStateException("database gone");
                                }
                                stored.add(batch.lastRecordIndex());
                            }
                        },
                        1)) {
            assertThatThrownBy(
                            () -> {
                                for (long i = 0; i < 1_000; i++) {
                                    sink.write(batch(i));
                                }
                                sink.finish();
                            })
                    .hasMessage("database gone");
        }
        assertThat(stored).isNotEmpty().allMatch(last -> last < 3);
    }

    @Test
    void writerKilledByAnErrorIsNeverTakenForACompleteRun() {
        try (BackgroundSink<RecordBatch> sink =
                sink(
                        batches -> {
                            throw new StackOverflowError("simulated");
                        },
                        4)) {
            sink.write(batch(0));
            assertThatThrownBy(sink::finish)
                    .hasMessage("the batch writer stopped before storing every batch");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
