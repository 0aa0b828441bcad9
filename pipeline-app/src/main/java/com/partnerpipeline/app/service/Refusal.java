package com.partnerpipeline.app.service;

/**
 * A request the rules refuse, in words for the partner or operator. Resources answer it with a
 * status (see {@code ErrorResponseMappers.Refused}), commands print it as their one-line error.
 */
public final class Refusal extends RuntimeException {
    /**
     * Why: what is asked for does not exist (or is another partner's), or cannot be done as asked.
     */
    public enum Kind {
        NOT_FOUND,
        INVALID
    }

    private final Kind kind;

    private Refusal(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /**
     * {@code "Job not found"}: also for another partner's, so that ids of others' things cannot be
     * probed.
     */
    public static Refusal notFound(String what) {
        return new Refusal(Kind.NOT_FOUND, what + " not found");
    }

    public static Refusal invalid(String message) {
        return new Refusal(Kind.INVALID, message);
    }

    public Kind kind() {
        return kind;
    }
}
