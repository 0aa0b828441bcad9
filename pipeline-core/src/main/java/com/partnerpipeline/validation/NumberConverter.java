package com.partnerpipeline.validation;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Decimal numbers, kept exact as {@link BigDecimal}. Text must be a plain decimal literal: "12abc", "NaN", "0x1F" are not. */
public final class NumberConverter implements TypeConverter {
    private static final Violation NOT_A_NUMBER = new Violation(ErrorCode.INVALID_TYPE, "not a valid number");
    private static final int MAX_LENGTH = 400;

    @Override
    public Object convert(Object value) {
        if (value instanceof String text) {
            if (!isDecimalLiteral(text)) {
                return NOT_A_NUMBER;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) { // exponent beyond the int range
                return NOT_A_NUMBER;
            }
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        return TypeConverter.wrongKind(value, "a number", NOT_A_NUMBER);
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
