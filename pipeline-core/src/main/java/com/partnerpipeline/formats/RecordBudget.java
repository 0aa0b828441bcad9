package com.partnerpipeline.formats;

/**
 * Counts what one record costs while it is being read, so a record past {@link ReaderLimits#maxRecordChars()} or
 * {@link ReaderLimits#maxFields()} is noticed before it fills memory. Once over, the reader stops keeping values
 * and reads on only to find the record's end.
 */
final class RecordBudget {
    private final ReaderLimits limits;
    private long chars;
    private int fields;
    private boolean exceeded;

    RecordBudget(ReaderLimits limits) {
        this.limits = limits;
    }

    void reset() {
        chars = 0;
        fields = 0;
        exceeded = false;
    }

    void chargeName(int length) {
        chars += length + 1;
        check();
    }

    void chargeValue(int length) {
        chars += length + 1;
        fields++;
        check();
    }

    private void check() {
        if (chars > limits.maxRecordChars() || fields > limits.maxFields()) {
            exceeded = true;
        }
    }

    boolean exceeded() {
        return exceeded;
    }

    String describe() {
        return fields > limits.maxFields()
                ? "record has more than " + limits.maxFields() + " fields"
                : "record longer than " + limits.maxRecordChars() + " characters";
    }
}
