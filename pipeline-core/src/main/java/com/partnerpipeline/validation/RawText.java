package com.partnerpipeline.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Renders a value as read from a file back to text, for {@code rawValue} in error reports. */
public final class RawText {
    private RawText() {}

    /**
     * The text of {@code value}; {@code null} stays null, so an absent field is told apart from an
     * empty one.
     */
    public static String of(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toString();
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            StringBuilder text = new StringBuilder();
            appendJson(text, value);
            return text.toString();
        }
        return value.toString();
    }

    private static void appendJson(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                appendString(out, String.valueOf(entry.getKey()));
                out.append(':');
                appendJson(out, entry.getValue());
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                appendJson(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof String s) {
            appendString(out, s);
        } else {
            out.append(value);
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
