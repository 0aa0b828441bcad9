package com.partnerpipeline.schema;

/**
 * Bounds on a schema, checked before anything in it is compiled, so that no schema costs more than
 * a bounded multiple of its own size to compile or to run: a schema comes from a partner, and 124
 * bytes of one could otherwise run the API server out of memory, or a 1.2 KB file against it a
 * worker. Each limit's name is its configuration key under {@code schemas:}, and refusals name it.
 *
 * @param maxFields most fields in a schema; every valid record is stored with all of them
 * @param maxNameLength longest field name or {@code transform.mapping}, in characters; names are
 *     written into every stored record and every error row
 * @param maxDepth deepest nesting: of the schema's JSON (objects and arrays), and of a mapping's
 *     dotted path
 * @param maxPatternLength longest {@code validation.pattern}, in characters
 * @param maxPatternSize most instructions a pattern compiles to, its counted repetitions multiplied
 *     out ({@code (a{100}){100}} is about 10,000); see {@link PatternSize}
 * @param maxEnumValues most values in one {@code validation.enum}
 * @param maxValueLength longest text value: an {@code enum} value, a {@code default}, a date {@code
 *     format}
 * @param maxRuleFields most field names in one cross-field rule ({@code requireAtLeastOne})
 */
public record SchemaLimits(
        int maxFields,
        int maxNameLength,
        int maxDepth,
        int maxPatternLength,
        int maxPatternSize,
        int maxEnumValues,
        int maxValueLength,
        int maxRuleFields) {
    public static final SchemaLimits DEFAULTS =
            new SchemaLimits(1_000, 256, 32, 1_000, 10_000, 1_000, 1_000, 100);

    public SchemaLimits {
        if (maxFields < 1
                || maxNameLength < 1
                || maxDepth < 4
                || maxPatternLength < 1
                || maxPatternSize < 1
                || maxEnumValues < 1
                || maxValueLength < 1
                || maxRuleFields < 1) {
            throw new IllegalArgumentException(
                    "every schema limit must be at least 1 (maxDepth at least 4): " + this);
        }
    }
}
