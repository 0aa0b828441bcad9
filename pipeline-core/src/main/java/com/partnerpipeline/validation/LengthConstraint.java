package com.partnerpipeline.validation;

/** Bounds on length in characters (Unicode code points, so an emoji counts once). */
public final class LengthConstraint implements Constraint {
    private final int min;
    private final int max;
    private final Violation tooShort;
    private final Violation tooLong;

    /**
     * @param min lower bound or 0; @param max upper bound or {@link Integer#MAX_VALUE}
     */
    public LengthConstraint(int min, int max) {
        this.min = min;
        this.max = max;
        this.tooShort =
                new Violation(ErrorCode.TOO_SMALL, "must be at least " + min + " characters long");
        this.tooLong =
                new Violation(ErrorCode.TOO_BIG, "must be at most " + max + " characters long");
    }

    @Override
    public Violation check(Object typed, Object input) {
        String text = Constraint.textOf(typed, input);
        int length = text.codePointCount(0, text.length());
        if (length < min) {
            return tooShort;
        }
        return length > max ? tooLong : null;
    }
}
