package com.partnerpipeline.validation;

import java.util.Locale;

/** Stable, documented error codes. Partners match on these; never rename one. */
public enum ErrorCode {
    /** A required field is absent, null or empty. */
    REQUIRED,
    /**
     * The value cannot be read as the field's type ("12abc" for a number, an array for a string).
     */
    INVALID_TYPE,
    /** Below {@code min} or {@code minLength}. */
    TOO_SMALL,
    /** Above {@code max} or {@code maxLength}. */
    TOO_BIG,
    /** Does not match {@code pattern}, or is not a valid email address or URL. */
    INVALID_FORMAT,
    /** Not one of {@code enum}. */
    INVALID_VALUE,
    /** The record itself could not be read: wrong column count, unclosed quote, not an object. */
    MALFORMED_RECORD,
    /** A cross-field rule failed ({@code requireAtLeastOne}, {@code allowExtraFields: false}). */
    RULE_VIOLATION,
    /**
     * A number the field cannot hold: beyond what the database stores (a {@code number} past
     * PostgreSQL's numeric, an {@code integer} past 64 bits), or, for a text field, one whose
     * written-out form would be absurdly long ({@code 1e999999999}).
     */
    NUMBER_OUT_OF_RANGE;

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }
}
