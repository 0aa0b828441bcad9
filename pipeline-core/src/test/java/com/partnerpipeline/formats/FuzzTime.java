package com.partnerpipeline.formats;

/**
 * How long one fuzz target runs under {@code JAZZER_FUZZ=1} (an annotation value, so it cannot come
 * from outside).
 */
public final class FuzzTime {
    public static final String PER_TARGET = "5m";

    private FuzzTime() {}
}
