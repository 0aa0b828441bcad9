package com.partnerpipeline.validation;

import java.math.BigDecimal;

/**
 * Numbers written out without an exponent, as people expect to read them ({@code 1.5e3} is "1500"),
 * but only while that stays short. {@link BigDecimal#toPlainString} of {@code 1e999999999}, eleven
 * bytes of JSON, is a billion characters: the length is worked out from precision and scale first,
 * and nothing is expanded past the limit.
 */
public final class PlainNumbers {
    /**
     * The most digits a number is written out to. It covers any number a person writes, and every
     * literal the JSON readers accept without an exponent (Jackson refuses number literals of more
     * than 1000 digits).
     */
    public static final int MAX_DIGITS = 1000;

    private PlainNumbers() {}

    /**
     * The plain text of {@code value}, or null when it would take more than {@link #MAX_DIGITS}
     * digits.
     */
    public static String of(BigDecimal value) {
        return digits(value) <= MAX_DIGITS ? value.toPlainString() : null;
    }

    /**
     * Plain when short, else scientific ({@code 1E+999999999}): for messages that quote a number
     * from a schema.
     */
    public static String readable(BigDecimal value) {
        String plain = of(value);
        return plain != null ? plain : value.toString();
    }

    /** Digits of the plain text, without sign or point, computed without writing it. */
    static long digits(BigDecimal value) {
        long precision = value.precision();
        long scale = value.scale();
        if (scale <= 0) {
            return value.signum() == 0
                    ? 1
                    : precision - scale; // trailing zeros; zero is written "0"
        }
        return scale >= precision
                ? scale + 1
                : precision; // 0.00ddd, or digits with a point among them
    }
}
