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
    private static final Pattern SETTING_NAME = Pattern.compile(",? from `[^`]*`");

    private JsonSupport() {
    }

    static JsonFactory factory(ReaderLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxFieldChars())
                        .maxNestingDepth(limits.maxDepth())
                        .build())
                .build();
    }

    /** Jackson's own message without its source excerpt, which would echo file content. */
    static String reason(IOException e) {
        if (e instanceof CharConversionException) {
            return "invalid UTF-8 byte sequence";
        }
        if (e instanceof StreamConstraintsException) {
            return "limit exceeded: " + withoutSettingName(firstLine(((StreamConstraintsException) e).getOriginalMessage()));
        }
        if (e instanceof JsonProcessingException jpe) {
            String message = firstLine(jpe.getOriginalMessage());
            if (message.startsWith("Unexpected end-of-input")) {
                return "unexpected end of file (truncated JSON): " + message;
            }
            return "invalid JSON: " + message;
        }
        return "read error: " + e.getMessage();
    }

    /**
     * Jackson names the Java setting behind a limit ({@code (64, from `StreamReadConstraints.getMaxNestingDepth()`)}),
     * which means nothing to a partner; the number stays.
     */
    private static String withoutSettingName(String message) {
        return SETTING_NAME.matcher(message).replaceAll("");
    }

    static JsonLocation location(IOException e) {
        return e instanceof JsonProcessingException jpe && jpe.getLocation() != null ? jpe.getLocation() : JsonLocation.NA;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int lineBreak = message.indexOf('\n');
        return lineBreak > 0 ? message.substring(0, lineBreak) : message;
    }
}
