package com.partnerpipeline.validation;

import com.google.re2j.Pattern;

/**
 * A partner-supplied regular expression, evaluated by RE2/J in time linear in the input, so no
 * pattern can hang a worker. Like JavaScript's {@code RegExp.test}, it matches anywhere in the
 * value: anchor with ^ and $ to match all.
 */
public final class PatternConstraint implements Constraint {
    private final Pattern pattern;
    private final Violation mismatch;

    public PatternConstraint(Pattern pattern) {
        this.pattern = pattern;
        this.mismatch =
                new Violation(
                        ErrorCode.INVALID_FORMAT,
                        "does not match the pattern " + pattern.pattern());
    }

    @Override
    public Violation check(Object typed, Object input) {
        return pattern.matcher(Constraint.textOf(typed, input)).find() ? null : mismatch;
    }
}
