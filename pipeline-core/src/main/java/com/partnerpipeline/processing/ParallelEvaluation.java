package com.partnerpipeline.processing;

import com.partnerpipeline.formats.ReadItem;
import com.partnerpipeline.formats.RecordReader;
import com.partnerpipeline.formats.UnreadableFileException;
import com.partnerpipeline.schema.CompiledSchema;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads on one thread and evaluates on a pool, handing results back in file order. Parsing is
 * sequential by nature, but transformation and validation of one record do not depend on any other,
 * so on a multi-core machine they run side by side with the parsing. At most {@code 4 x threads}
 * chunks are in flight: memory stays bounded.
 */
final class ParallelEvaluation implements EvaluationSource {
    private static final int CHUNK_SIZE = 256;

    /**
     * Up to {@link #CHUNK_SIZE} evaluations; the last chunk of a file carries its end and any read
     * failure.
     */
    private record Chunk(
            Evaluation[] items, int count, long bytesConsumed, boolean last, Throwable failure) {}

    private final RecordReader reader;
    private final long resumeAtIndex;
    private final ExecutorService evaluators;
    private final ThreadLocal<RecordEvaluator> evaluator;
    private final BlockingQueue<Future<Chunk>> inFlight;
    private final Thread producer;
    private Chunk current = new Chunk(new Evaluation[0], 0, 0, false, null);
    private int position;

    ParallelEvaluation(
            RecordReader reader, CompiledSchema schema, long resumeAtIndex, int threads) {
        this.reader = reader;
        this.resumeAtIndex = resumeAtIndex;
        this.evaluator = ThreadLocal.withInitial(() -> new RecordEvaluator(schema));
        this.inFlight = new ArrayBlockingQueue<>(4 * threads);
        AtomicInteger counter = new AtomicInteger();
        this.evaluators =
                Executors.newFixedThreadPool(
                        threads,
                        task -> {
                            Thread thread =
                                    new Thread(task, "evaluate-" + counter.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        this.producer = new Thread(this::produce, "read");
        this.producer.setDaemon(true);
        this.producer.start();
    }

    /** Reads chunks and queues their evaluation, in order, until the file ends or fails. */
    private void produce() {
        try {
            boolean last = false;
            while (!last) {
                ReadItem[] items = new ReadItem[CHUNK_SIZE];
                int count = 0;
                Throwable failure = null;
                try {
                    ReadItem item;
                    while (count < CHUNK_SIZE && (item = reader.next()) != null) {
                        if (item.index() >= resumeAtIndex) {
                            items[count++] = item;
                        }
                    }
                    last = count < CHUNK_SIZE;
                } catch (UnreadableFileException | RuntimeException | Error e) {
                    failure = e;
                    last = true;
                }
                int size = count;
                long bytes = reader.bytesConsumed();
                boolean end = last;
                Throwable error = failure;
                inFlight.put(
                        size == 0
                                ? CompletableFuture.completedFuture(
                                        new Chunk(new Evaluation[0], 0, bytes, end, error))
                                : evaluators.submit(
                                        () -> evaluate(items, size, bytes, end, error)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the consumer
        } catch (RuntimeException e) { // the pool was shut down under us: closed by the consumer
            Thread.currentThread().interrupt();
        }
    }

    private Chunk evaluate(
            ReadItem[] items, int count, long bytes, boolean last, Throwable failure) {
        RecordEvaluator local = evaluator.get();
        Evaluation[] evaluations = new Evaluation[count];
        for (int i = 0; i < count; i++) {
            evaluations[i] = local.evaluate(items[i]);
        }
        return new Chunk(evaluations, count, bytes, last, failure);
    }

    @Override
    public Evaluation next() throws UnreadableFileException {
        while (position == current.count()) {
            if (current.last()) {
                rethrow(current.failure());
                return null;
            }
            current = take();
            position = 0;
        }
        return current.items()[position++];
    }

    private Chunk take() throws UnreadableFileException {
        try {
            return inFlight.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for records", e);
        } catch (ExecutionException e) {
            rethrow(e.getCause());
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void rethrow(Throwable failure) throws UnreadableFileException {
        if (failure instanceof UnreadableFileException unreadable) {
            throw unreadable;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    @Override
    public long bytesConsumed() {
        return current.bytesConsumed();
    }

    @Override
    public void close() {
        producer.interrupt();
        evaluators.shutdownNow();
        try {
            producer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
