package com.partnerpipeline.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.regex.Pattern;

/** What the two JSON readers share: a parser factory carrying the limits, and error wording. */
final class JsonSupport {
    /**
     * ", from `StreamReadConstraints.getMaxNumberLength()`)" at the end of a constraint's message.
     */
    private static final Pattern JACKSON_SOURCE = Pattern.compile(", from `[^`]*`\\)");

    private JsonSupport() {}

    static JsonFactory factory(ReaderLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxStringLength(limits.maxFieldChars())
                                .maxNestingDepth(limits.maxDepth())
                                .build())
                .build();
    }

    /** Jackson's own message without its source excerpt, which would echo file content. */
    static String reason(IOException e, ReaderLimits limits) {
        if (e instanceof CharConversionException) {
            return "invalid UTF-8 byte sequence";
        }
        if (e instanceof StreamConstraintsException constraint) {
            return limitExceeded(firstLine(constraint.getOriginalMessage()), limits);
        }
        if (e instanceof JsonProcessingException jpe) {
            String message = firstLine(jpe.getOriginalMessage());
            if (message.startsWith("Unexpected end-of-input")) {
                return "unexpected end of file (truncated JSON): " + message;
            }
            return "invalid JSON: " + message;
        }
        return ReadErrors.reason(e);
    }

    /**
     * The limits we configure are worded as ours; Jackson's other ones (number length, name length)
     * keep its words without the Java method it names as their source.
     */
    private static String limitExceeded(String message, ReaderLimits limits) {
        if (message.startsWith("Document nesting depth")) {
            return LimitMessages.tooDeep(limits);
        }
        if (message.startsWith("String value length")) {
            return LimitMessages.valueTooLong(limits);
        }
        return "limit exceeded: " + JACKSON_SOURCE.matcher(message).replaceAll(")");
    }

    static JsonLocation location(IOException e) {
        return e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? jpe.getLocation()
                : JsonLocation.NA;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int lineBreak = message.indexOf('\n');
        return lineBreak > 0 ? message.substring(0, lineBreak) : message;
    }
}
