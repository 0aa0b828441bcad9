package com.partnerpipeline.validation;

/** One check on a value that already has its field's type. */
public interface Constraint {
    /**
     * @param typed the converted value
     * @param input the value before conversion, for checks on its text
     * @return null when the value passes
     */
    Violation check(Object typed, Object input);

    /**
     * The text that length and pattern checks see: the string itself, else the value as written.
     */
    static String textOf(Object typed, Object input) {
        return typed instanceof String s ? s : RawText.of(input);
    }
}
