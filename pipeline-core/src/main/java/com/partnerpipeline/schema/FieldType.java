package com.partnerpipeline.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The value types a schema field can declare, by their names in schema JSON. */
public enum FieldType {
    STRING,
    NUMBER,
    INTEGER,
    BOOLEAN,
    DATE,
    DATETIME,
    EMAIL,
    URL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<FieldType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    static String allWireNames() {
        return Arrays.stream(values()).map(FieldType::wireName).collect(Collectors.joining(", "));
    }

    boolean isText() {
        return this == STRING || this == EMAIL || this == URL;
    }
}
