package com.partnerpipeline.formats;

/**
 * A record the reader could delimit but not read (wrong column count, unclosed quote, a JSON line
 * that is not an object...). It is rejected whole and reading goes on with the next record.
 *
 * @param rawText the record's text as it stood in the file, as far as it is known
 */
public record MalformedRecord(long index, long lineNumber, String reason, String rawText)
        implements ReadItem {}
