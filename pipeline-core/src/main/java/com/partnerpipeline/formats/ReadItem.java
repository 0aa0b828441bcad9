package com.partnerpipeline.formats;

/**
 * What a reader yields for each record of a file: a record it could read, or one it had to reject
 * whole.
 */
public sealed interface ReadItem permits SourceRecord, MalformedRecord {
    /** 0-based position of the record in the file, counting malformed records too. */
    long index();

    /** 1-based line where the record starts, or 0 where the format has no lines to speak of. */
    long lineNumber();
}
