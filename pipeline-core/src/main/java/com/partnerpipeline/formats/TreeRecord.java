package com.partnerpipeline.formats;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A JSON object or XML element read as a tree of maps. Nested fields are reached by dotted paths;
 * an XML element that has attributes as well as text keeps the text under {@link #TEXT_KEY}, so
 * {@code price} still yields the text of {@code <price currency="EUR">10</price>} while {@code
 * price.currency} yields the attribute.
 */
public record TreeRecord(long index, long lineNumber, Map<String, Object> fields)
        implements SourceRecord {
    public static final String TEXT_KEY = "#text";

    @Override
    public Object get(FieldPath path) {
        Object value = fields.get(path.path()); // a key may itself contain dots
        if (value == null && path.isNested()) {
            value = walk(path.segments());
        }
        return unwrapText(value);
    }

    private Object walk(String[] segments) {
        Object node = fields;
        for (String segment : segments) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(segment);
        }
        return node;
    }

    private static Object unwrapText(Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey(TEXT_KEY)) {
            return map.get(TEXT_KEY);
        }
        return value;
    }

    @Override
    public void forEachField(BiConsumer<String, Object> action) {
        visit("", fields, action);
    }

    private static void visit(String prefix, Map<?, ?> map, BiConsumer<String, Object> action) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = (String) entry.getKey();
            String path =
                    TEXT_KEY.equals(key) ? prefix : (prefix.isEmpty() ? key : prefix + "." + key);
            if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                visit(path, child, action);
            } else if (!path.isEmpty()) {
                action.accept(path, entry.getValue());
            }
        }
    }
}
