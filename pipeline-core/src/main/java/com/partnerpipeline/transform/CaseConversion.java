package com.partnerpipeline.transform;

import java.util.Locale;

/** {@code transform.case}. Locale-independent, so "I" lowercases to "i" on every machine. */
public enum CaseConversion {
    NONE,
    LOWER,
    UPPER;

    String apply(String value) {
        return switch (this) {
            case NONE -> value;
            case LOWER -> value.toLowerCase(Locale.ROOT);
            case UPPER -> value.toUpperCase(Locale.ROOT);
        };
    }
}
