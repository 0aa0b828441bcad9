package com.partnerpipeline.validation;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Decimal numbers, kept exact as {@link BigDecimal}. Text must be a plain decimal literal: "12abc",
 * "NaN", "0x1F" are not. Only what PostgreSQL's numeric stores is taken, since valid records are
 * stored as jsonb, whose numbers are numeric: a number beyond it is this record's error, not the
 * whole job's failure at the database.
 */
public final class NumberConverter implements TypeConverter {
    /**
     * PostgreSQL numeric: digits before the decimal point (a weight of 32767 base-10000 digits) and
     * after it.
     */
    static final int MAX_INTEGER_DIGITS = 131_072;

    static final int MAX_FRACTION_DIGITS = 16_383;
    private static final Violation NOT_A_NUMBER =
            new Violation(ErrorCode.INVALID_TYPE, "not a valid number");
    private static final Violation OUT_OF_RANGE =
            new Violation(
                    ErrorCode.NUMBER_OUT_OF_RANGE,
                    "number out of range: at most "
                            + MAX_INTEGER_DIGITS
                            + " digits before the decimal point and "
                            + MAX_FRACTION_DIGITS
                            + " after");
    private static final int MAX_LENGTH = 400;

    @Override
    public Object convert(Object value) {
        if (value instanceof String text) {
            if (!isDecimalLiteral(text)) {
                return NOT_A_NUMBER;
            }
            try {
                return inRange(new BigDecimal(text));
            } catch (NumberFormatException e) { // exponent beyond the int range
                return NOT_A_NUMBER;
            }
        }
        if (value instanceof BigDecimal decimal) {
            return inRange(decimal);
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger integer) {
            return inRange(new BigDecimal(integer));
        }
        return TypeConverter.wrongKind(value, "a number", NOT_A_NUMBER);
    }

    /**
     * The value, or a violation when PostgreSQL's numeric cannot hold it; judged from precision and
     * scale alone.
     */
    private static Object inRange(BigDecimal value) {
        long integerDigits = (long) value.precision() - value.scale();
        return value.scale() > MAX_FRACTION_DIGITS || integerDigits > MAX_INTEGER_DIGITS
                ? OUT_OF_RANGE
                : value;
    }

    /** {@code [+-]digits[.digits][(e|E)[+-]digits]}, also {@code .5}; nothing else. */
    static boolean isDecimalLiteral(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int integerDigits = countDigits(s, i);
        i += integerDigits;
        if (i < n && s.charAt(i) == '.') {
            int fractionDigits = countDigits(s, i + 1);
            if (fractionDigits == 0) {
                return false;
            }
            i += 1 + fractionDigits;
        } else if (integerDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = countDigits(s, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == n;
    }

    private static int countDigits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
