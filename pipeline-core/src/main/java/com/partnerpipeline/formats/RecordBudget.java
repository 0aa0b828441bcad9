package com.partnerpipeline.formats;

/**
 * Counts what one record costs while it is being read, so a record past {@link
 * ReaderLimits#maxRecordChars()} or {@link ReaderLimits#maxFields()} is noticed before it fills
 * memory. Once over, the reader stops keeping values and reads on only to find the record's end.
 */
final class RecordBudget {
    private final ReaderLimits limits;
    private long chars;
    private int fields;
    private boolean exceeded;
    private boolean nameTooLong;

    RecordBudget(ReaderLimits limits) {
        this.limits = limits;
    }

    void reset() {
        chars = 0;
        fields = 0;
        exceeded = false;
        nameTooLong = false;
    }

    /**
     * A field's name is part of the record's text, as its value is: a record of long names is a
     * long record.
     */
    void chargeName(int length) {
        chars += length + 1;
        boundName(length);
        check();
    }

    /**
     * A name longer than any value may be is no field name anyone means (it was a 5 MB attribute
     * name): the record is rejected even when the record limit would hold it.
     */
    void boundName(int length) {
        if (length > limits.maxFieldChars()) {
            nameTooLong = true;
            exceeded = true;
        }
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
        if (nameTooLong) {
            return LimitMessages.nameTooLong(limits);
        }
        return fields > limits.maxFields()
                ? "record has more than " + limits.maxFields() + " fields"
                : "record longer than " + limits.maxRecordChars() + " characters";
    }
}
