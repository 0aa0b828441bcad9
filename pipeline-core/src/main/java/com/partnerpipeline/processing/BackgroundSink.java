package com.partnerpipeline.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands batches to another sink on a thread of its own, in order, so the processing loop reads and validates the
 * next batches while the database stores this one. At most {@code capacity} batches wait, so memory stays bounded.
 * A failure of the target surfaces in the loop's next {@link #write}, or in {@link #finish}.
 *
 * <p>Batches that queued up while the target was busy are merged into one (they are contiguous), so a slow database
 * gets fewer, larger transactions: group commit. Each batch still lands whole in one write.
 */
public final class BackgroundSink implements RecordSink, AutoCloseable {
    private static final RecordBatch END = new RecordBatch(List.of(), List.of(), -1, 0);

    private final RecordSink target;
    private final BlockingQueue<RecordBatch> queue;
    private final Thread writer;
    private volatile RuntimeException failure;

    public BackgroundSink(RecordSink target, int capacity, String threadName) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeAll, threadName);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    private void writeAll() {
        List<RecordBatch> waiting = new ArrayList<>();
        try {
            while (true) {
                waiting.clear();
                waiting.add(queue.take());
                queue.drainTo(waiting);
                int end = waiting.indexOf(END);
                List<RecordBatch> batches = end < 0 ? waiting : waiting.subList(0, end);
                if (!batches.isEmpty()) {
                    target.write(merge(batches));
                }
                if (end >= 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        } catch (RuntimeException e) {
            failure = e;
            queue.clear(); // unblock a writer waiting for room
        }
    }

    private static RecordBatch merge(List<RecordBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        List<ValidRecord> valid = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (RecordBatch batch : batches) {
            valid.addAll(batch.valid());
            rejected.addAll(batch.rejected());
        }
        RecordBatch last = batches.get(batches.size() - 1);
        return new RecordBatch(valid, rejected, last.lastRecordIndex(), last.bytesConsumed());
    }

    @Override
    public void write(RecordBatch batch) {
        enqueue(batch);
    }

    /** Waits until every batch handed over is written; throws what the target threw, if it did. */
    public void finish() {
        enqueue(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for batches to be written", e);
        }
        rethrowFailure();
    }

    private void enqueue(RecordBatch batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
                if (!writer.isAlive()) {
                    throw new IllegalStateException("the batch writer has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over a batch", e);
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the writer without waiting for what is queued; {@link #finish} is the orderly end. */
    @Override
    public void close() {
        if (writer.isAlive()) {
            writer.interrupt();
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
