package com.partnerpipeline.app.upload;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The uploads this API node is receiving. Each holds a request thread for as long as its body takes
 * to arrive, so their number is bounded, per partner and for the node, leaving threads for every
 * other request however slow the uploads are. A shutdown refuses new ones, waits for these, and
 * stops the ones still arriving while there is time to answer them, rather than leave them to the
 * connectors' closing.
 */
public final class UploadsInFlight {
    /** Why an upload was not let in. */
    public enum Refusal {
        SHUTTING_DOWN,
        PARTNER_LIMIT,
        NODE_LIMIT
    }

    /** The upload may not start now; {@link #refusal} says why. */
    public static final class RefusedException extends Exception {
        private final Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final int maxPerNode;
    private final int maxPerPartner;
    private final Object lock = new Object();
    private final Set<Pass> passes = new HashSet<>();
    private final Map<UUID, Integer> perPartner = new HashMap<>();
    private boolean draining;

    public UploadsInFlight(int maxPerNode, int maxPerPartner) {
        this.maxPerNode = maxPerNode;
        this.maxPerPartner = maxPerPartner;
    }

    /**
     * One upload's stay, from its first byte until its request ends; taken and closed on the
     * request's thread.
     */
    public final class Pass implements AutoCloseable {
        private final Thread thread = Thread.currentThread();
        private final UUID partner;
        private boolean receiving = true;
        private boolean stopped;

        private Pass(UUID partner) {
            this.partner = partner;
        }

        /**
         * The whole body has arrived: what is left (creating the job) takes milliseconds and is
         * never stopped.
         *
         * @return false if the upload was stopped first, and must be answered as stopped
         */
        public boolean received() {
            synchronized (lock) {
                receiving = false;
                return !stopped;
            }
        }

        /**
         * Whether a shutdown stopped this upload before its body was in; whatever then failed, that
         * is why.
         */
        public boolean stopped() {
            synchronized (lock) {
                return stopped;
            }
        }

        /**
         * Interrupting is what wakes a thread blocked reading a body that has stalled; it then
         * fails with an IOException.
         */
        private void stop() {
            stopped = true;
            thread.interrupt();
        }

        @Override
        public void close() {
            boolean wasStopped;
            synchronized (lock) {
                if (passes.remove(this)) {
                    perPartner.computeIfPresent(
                            partner, (id, count) -> count == 1 ? null : count - 1);
                }
                wasStopped = stopped;
                lock.notifyAll();
            }
            if (wasStopped) {
                Thread.interrupted(); // the interrupt was for the body's read: the answer must
                // still be written
            }
        }
    }

    /** Uploads under way now. */
    public int size() {
        synchronized (lock) {
            return passes.size();
        }
    }

    public int maxPerNode() {
        return maxPerNode;
    }

    public int maxPerPartner() {
        return maxPerPartner;
    }

    /**
     * A pass for a new upload of {@code partner}'s, unless a shutdown has begun or a limit is
     * reached.
     */
    public Pass enter(UUID partner) throws RefusedException {
        synchronized (lock) {
            if (draining) {
                throw new RefusedException(Refusal.SHUTTING_DOWN);
            }
            if (perPartner.getOrDefault(partner, 0) >= maxPerPartner) {
                throw new RefusedException(Refusal.PARTNER_LIMIT);
            }
            if (passes.size() >= maxPerNode) {
                throw new RefusedException(Refusal.NODE_LIMIT);
            }
            Pass pass = new Pass(partner);
            passes.add(pass);
            perPartner.merge(partner, 1, Integer::sum);
            return pass;
        }
    }

    /**
     * Refuses new uploads from now on, waits up to {@code stopAfter} for those under way to end,
     * stops the ones still receiving, and waits until {@code answeredWithin} (from now) for them to
     * end too.
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
