package com.partnerpipeline.app.core;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The uploads this API node is receiving, so that a shutdown can refuse new ones, wait for these, and stop the ones
 * still arriving while there is time to answer them, rather than leave them to the connectors' closing.
 */
public final class UploadsInFlight {
    private final Object lock = new Object();
    private final Set<Pass> passes = new HashSet<>();
    private boolean draining;

    /** One upload's stay, from its first byte until its request ends; taken and closed on the request's thread. */
    public final class Pass implements AutoCloseable {
        private final Thread thread = Thread.currentThread();
        private boolean receiving = true;
        private boolean stopped;

        private Pass() {
        }

        /**
         * The whole body has arrived: what is left (creating the job) takes milliseconds and is never stopped.
         *
         * @return false if the upload was stopped first, and must be answered as stopped
         */
        public boolean received() {
            synchronized (lock) {
                receiving = false;
                return !stopped;
            }
        }

        /** Whether a shutdown stopped this upload before its body was in; whatever then failed, that is why. */
        public boolean stopped() {
            synchronized (lock) {
                return stopped;
            }
        }

        /** Interrupting is what wakes a thread blocked reading a body that has stalled; it then fails with an IOException. */
        private void stop() {
            stopped = true;
            thread.interrupt();
        }

        @Override
        public void close() {
            boolean wasStopped;
            synchronized (lock) {
                passes.remove(this);
                wasStopped = stopped;
                lock.notifyAll();
            }
            if (wasStopped) {
                Thread.interrupted(); // the interrupt was for the body's read: the answer must still be written
            }
        }
    }

    /** A pass for a new upload, or empty once a shutdown has begun. */
    public Optional<Pass> enter() {
        synchronized (lock) {
            if (draining) {
                return Optional.empty();
            }
            Pass pass = new Pass();
            passes.add(pass);
            return Optional.of(pass);
        }
    }

    /**
     * Refuses new uploads from now on, waits up to {@code stopAfter} for those under way to end, stops the ones
     * still receiving, and waits until {@code answeredWithin} (from now) for them to end too.
     */
    public void drain(Duration stopAfter, Duration answeredWithin) throws InterruptedException {
        long start = System.nanoTime();
        synchronized (lock) {
            draining = true;
            awaitNone(start + stopAfter.toNanos());
            passes.stream().filter(pass -> pass.receiving).forEach(Pass::stop);
            awaitNone(start + answeredWithin.toNanos());
        }
    }

    private void awaitNone(long deadline) throws InterruptedException {
        long left;
        while (!passes.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
    }
}
