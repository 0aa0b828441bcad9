package com.partnerpipeline.validation;

import com.partnerpipeline.formats.SourceRecord;

/** A check across the fields of a record, run after every field was transformed. */
public interface RecordRule {
    /**
     * @param transformed each schema field's value after transformation (null when absent), in
     *     schema order
     */
    void check(SourceRecord record, Object[] transformed, ErrorCollector errors);
}
