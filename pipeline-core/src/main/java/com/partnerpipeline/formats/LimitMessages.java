package com.partnerpipeline.formats;

/**
 * How going over a {@link ReaderLimits} limit is worded, whichever reader or parser library noticed
 * it: partners read these, so they name the limit and its configuration key ({@code processing:} in
 * {@code config.yml}), never a library's own words.
 */
final class LimitMessages {
    private LimitMessages() {}

    static String tooManyColumns(ReaderLimits limits) {
        return "more than " + limits.maxFields() + " columns (processing.maxFields)";
    }

    static String valueTooLong(ReaderLimits limits) {
        return "a value longer than "
                + limits.maxFieldChars()
                + " characters (processing.maxFieldChars)";
    }

    static String nameTooLong(ReaderLimits limits) {
        return "a name longer than "
                + limits.maxFieldChars()
                + " characters (processing.maxFieldChars)";
    }

    static String markupTooLong(ReaderLimits limits) {
        return "a tag longer than "
                + limits.maxRecordChars()
                + " characters (processing.maxRecordChars)";
    }

    static String tooDeep(ReaderLimits limits) {
        return "nesting deeper than " + limits.maxDepth() + " levels (processing.maxDepth)";
    }

    static String tooManyAttributes(ReaderLimits limits) {
        return "an element has more than "
                + limits.maxFields()
                + " attributes (processing.maxFields)";
    }
}
