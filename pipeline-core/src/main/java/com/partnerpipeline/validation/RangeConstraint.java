package com.partnerpipeline.validation;

import java.util.function.Function;

/**
 * Inclusive value bounds for numbers, integers, dates and date-times.
 *
 * @param <T> what values are compared as (for date-times, instants)
 */
public final class RangeConstraint<T extends Comparable<? super T>> implements Constraint {
    private final T min;
    private final T max;
    private final Function<Object, T> comparable;
    private final Violation tooSmall;
    private final Violation tooBig;

    /**
     * @param min lower bound or null
     * @param max upper bound or null
     * @param comparable maps a typed value to what is compared
     * @param minText the bound as the schema wrote it, for messages
     */
    public RangeConstraint(
            T min, T max, Function<Object, T> comparable, String minText, String maxText) {
        this.min = min;
        this.max = max;
        this.comparable = comparable;
        this.tooSmall = new Violation(ErrorCode.TOO_SMALL, "must be at least " + minText);
        this.tooBig = new Violation(ErrorCode.TOO_BIG, "must be at most " + maxText);
    }

    @Override
    public Violation check(Object typed, Object input) {
        T value = comparable.apply(typed);
        if (min != null && value.compareTo(min) < 0) {
            return tooSmall;
        }
        return max != null && value.compareTo(max) > 0 ? tooBig : null;
    }
}
