package com.partnerpipeline.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Stores batches on a thread of its own, in order, so the processing loop reads and validates the
 * next batches while the database stores this one. Each batch is first prepared on the loop's
 * thread (serialized, say), so the storing thread does nothing but talk to the store. At most
 * {@code capacity} prepared batches wait, so memory stays bounded. A failure of the store surfaces
 * in the loop's next {@link #write}, or in {@link #finish}.
 *
 * <p>Batches that queued up while the store was busy are handed over together (they are
 * contiguous), so a slow database gets fewer, larger transactions: group commit. Each batch still
 * lands whole in one store call.
 *
 * @param <P> a batch prepared for storing
 */
public final class BackgroundSink<P> implements RecordSink, AutoCloseable {
    /** Stores prepared batches, contiguous and in file order, all at once. */
    @FunctionalInterface
    public interface Store<P> {
        void store(List<P> batches);
    }

    /** A queue entry; the one with no batch marks the end. */
    private record Entry<P>(P batch) {}

    private final Function<RecordBatch, P> prepare;
    private final Store<P> store;
    private final BlockingQueue<Entry<P>> queue;
    private final Thread writer;
    private volatile RuntimeException failure;
    private volatile boolean storedAll;

    public BackgroundSink(
            Function<RecordBatch, P> prepare, Store<P> store, int capacity, String threadName) {
        this.prepare = prepare;
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::storeAll, threadName);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    private void storeAll() {
        List<Entry<P>> waiting = new ArrayList<>();
        List<P> batches = new ArrayList<>();
        try {
            boolean end = false;
            while (!end) {
                waiting.clear();
                batches.clear();
                waiting.add(queue.take());
                queue.drainTo(waiting);
                for (Entry<P> entry : waiting) {
                    if (entry.batch() == null) {
                        end = true;
                        break;
                    }
                    batches.add(entry.batch());
                }
                if (!batches.isEmpty()) {
                    store.store(List.copyOf(batches));
                }
            }
            storedAll = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        } catch (RuntimeException e) {
            failure = e;
            queue.clear(); // unblock a loop waiting for room
        }
    }

    @Override
    public void write(RecordBatch batch) {
        rethrowFailure();
        enqueue(new Entry<>(prepare.apply(batch)));
    }

    /**
     * Waits until every batch handed over is stored; throws what the store threw, if it did, and in
     * any case when the writer ended without storing everything (killed by an {@link Error}, say),
     * so no caller mistakes a partial run for a complete one.
     */
    public void finish() {
        enqueue(new Entry<>(null));
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for batches to be stored", e);
        }
        rethrowFailure();
        if (!storedAll) {
            throw new IllegalStateException("the batch writer stopped before storing every batch");
        }
    }

    private void enqueue(Entry<P> entry) {
        try {
            while (!queue.offer(entry, 100, TimeUnit.MILLISECONDS)) {
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
