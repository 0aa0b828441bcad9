package com.partnerpipeline.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.partnerpipeline.formats.FieldPath;
import com.partnerpipeline.transform.CaseConversion;
import com.partnerpipeline.transform.FieldTransformer;
import com.partnerpipeline.validation.BooleanConverter;
import com.partnerpipeline.validation.Constraint;
import com.partnerpipeline.validation.DateConverter;
import com.partnerpipeline.validation.DateTimeConverter;
import com.partnerpipeline.validation.EmailConverter;
import com.partnerpipeline.validation.EnumConstraint;
import com.partnerpipeline.validation.FieldValidator;
import com.partnerpipeline.validation.IntegerConverter;
import com.partnerpipeline.validation.LengthConstraint;
import com.partnerpipeline.validation.NumberConverter;
import com.partnerpipeline.validation.PatternConstraint;
import com.partnerpipeline.validation.PlainNumbers;
import com.partnerpipeline.validation.RangeConstraint;
import com.partnerpipeline.validation.StringConverter;
import com.partnerpipeline.validation.TypeConverter;
import com.partnerpipeline.validation.UrlConverter;
import com.partnerpipeline.validation.Violation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compiles one entry of {@code fields}, in the format partners already use: {@code {"name", "type",
 * "validation": {"type", "required", "min", "max", "minLength", "maxLength", "pattern", "enum",
 * "format"}, "transform": {"mapping", "default", "trim", "case"}}}.
 */
final class FieldCompiler {
    private static final Set<String> FIELD_KEYS =
            Set.of("name", "type", "description", "format", "validation", "transform");
    private static final Set<String> VALIDATION_KEYS =
            Set.of(
                    "type",
                    "required",
                    "min",
                    "max",
                    "minLength",
                    "maxLength",
                    "pattern",
                    "enum",
                    "format");
    private static final Set<String> TRANSFORM_KEYS = Set.of("mapping", "default", "trim", "case");
    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

    CompiledField compile(JsonNode node, int position) throws InvalidSchemaException {
        JsonNode nameNode = node == null ? null : node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new InvalidSchemaException(
                    "field " + (position + 1) + ": name must be a non-empty string");
        }
        String name = nameNode.asText();
        if (name.chars()
                .anyMatch(
                        Character::isISOControl)) { // names go into every stored record, error and
            // export
            throw new InvalidSchemaException(
                    "field " + (position + 1) + ": name contains a control character");
        }
        String where = "field '" + name + "'";
        SchemaNode field = SchemaNode.of(node, where, FIELD_KEYS);
        SchemaNode validation =
                SchemaNode.of(
                        field.has("validation") ? field.get("validation") : EMPTY,
                        where + ": validation",
                        VALIDATION_KEYS);
        SchemaNode transform =
                SchemaNode.of(
                        field.has("transform") ? field.get("transform") : EMPTY,
                        where + ": transform",
                        TRANSFORM_KEYS);

        FieldType type = type(field, validation);
        String format = format(field, validation, type);
        TypeConverter converter = converter(type, format, where);
        List<Constraint> constraints = new ArrayList<>();
        addLengthBounds(validation, constraints);
        addMinMax(validation, type, converter, constraints);
        addPattern(validation, constraints);
        addEnum(validation, type, converter, constraints);
        FieldValidator validator = new FieldValidator(converter, constraints);
        FieldTransformer transformer = transformer(name, transform);
        checkDefault(transform, transformer, validator);
        return new CompiledField(
                name, type, validation.bool("required", false), transformer, validator);
    }

    /**
     * {@code validation.type} refines {@code type}: a string may be validated as email, url,
     * date...; else they must agree.
     */
    private static FieldType type(SchemaNode field, SchemaNode validation)
            throws InvalidSchemaException {
        FieldType declared = parseType(field, "type");
        FieldType refined = parseType(validation, "type");
        if (declared == null && refined == null) {
            throw new InvalidSchemaException(
                    field.where() + ": type is required (one of " + FieldType.allWireNames() + ")");
        }
        if (declared != null
                && refined != null
                && declared != refined
                && declared != FieldType.STRING) {
            throw validation.error(
                    "type",
                    "'"
                            + refined.wireName()
                            + "' conflicts with the field's type '"
                            + declared.wireName()
                            + "'");
        }
        return refined != null ? refined : declared;
    }

    private static FieldType parseType(SchemaNode node, String key) throws InvalidSchemaException {
        String name = node.text(key);
        if (name == null) {
            return null;
        }
        return FieldType.fromWireName(name)
                .orElseThrow(
                        () ->
                                node.error(
                                        key,
                                        "'"
                                                + name
                                                + "' is not a known type (one of "
                                                + FieldType.allWireNames()
                                                + ")"));
    }

    private static String format(SchemaNode field, SchemaNode validation, FieldType type)
            throws InvalidSchemaException {
        String format = field.text("format");
        String validationFormat = validation.text("format");
        if (format != null && validationFormat != null && !format.equals(validationFormat)) {
            throw field.error("format", "and validation.format disagree");
        }
        format = format != null ? format : validationFormat;
        if (format != null && type != FieldType.DATE && type != FieldType.DATETIME) {
            throw field.error("format", "applies only to date and datetime fields");
        }
        return format;
    }

    private static TypeConverter converter(FieldType type, String format, String where)
            throws InvalidSchemaException {
        DateTimeFormatter formatter = format == null ? null : dateFormatter(format, where);
        return switch (type) {
            case STRING -> new StringConverter();
            case NUMBER -> new NumberConverter();
            case INTEGER -> new IntegerConverter();
            case BOOLEAN -> new BooleanConverter();
            case DATE -> new DateConverter(formatter, format);
            case DATETIME -> new DateTimeConverter(formatter, format);
            case EMAIL -> new EmailConverter();
            case URL -> new UrlConverter();
        };
    }

    /** Java date patterns; {@code yyyy} is read as {@code uuuu} so strict parsing needs no era. */
    private static DateTimeFormatter dateFormatter(String format, String where)
            throws InvalidSchemaException {
        StringBuilder pattern = new StringBuilder(format.length());
        boolean quoted = false;
        for (char c : format.toCharArray()) {
            quoted ^= c == '\'';
            pattern.append(!quoted && c == 'y' ? 'u' : c);
        }
        try {
            return DateTimeFormatter.ofPattern(pattern.toString())
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new InvalidSchemaException(
                    where
                            + ": format '"
                            + format
                            + "' is not a valid date pattern: "
                            + e.getMessage());
        }
    }

    private static void addLengthBounds(SchemaNode validation, List<Constraint> constraints)
            throws InvalidSchemaException {
        Long min = validation.wholeNumber("minLength", 0);
        Long max = validation.wholeNumber("maxLength", 0);
        if (min != null || max != null) {
            constraints.add(lengthConstraint(validation, "minLength", min, "maxLength", max));
        }
    }

    private static LengthConstraint lengthConstraint(
            SchemaNode validation, String minKey, Long min, String maxKey, Long max)
            throws InvalidSchemaException {
        if (min != null && max != null && min > max) {
            throw validation.error(
                    minKey, "(" + min + ") is greater than " + maxKey + " (" + max + ")");
        }
        return new LengthConstraint(
                min == null ? 0 : (int) Math.min(min, Integer.MAX_VALUE),
                max == null ? Integer.MAX_VALUE : (int) Math.min(max, Integer.MAX_VALUE));
    }

    /**
     * {@code min/max}: a length for text types, a value bound for numbers, integers, dates and
     * date-times.
     */
    private static void addMinMax(
            SchemaNode validation,
            FieldType type,
            TypeConverter converter,
            List<Constraint> constraints)
            throws InvalidSchemaException {
        if (!validation.has("min") && !validation.has("max")) {
            return;
        }
        // a switch expression with no default: a new FieldType that does not say what min/max mean
        // does not compile
        Constraint minMax =
                switch (type) {
                    case STRING, EMAIL, URL ->
                            lengthConstraint(
                                    validation,
                                    "min",
                                    validation.wholeNumber("min", 0),
                                    "max",
                                    validation.wholeNumber("max", 0));
                    case NUMBER -> {
                        BigDecimal min = validation.number("min");
                        BigDecimal max = validation.number("max");
                        checkOrder(validation, min, max);
                        yield new RangeConstraint<>(
                                min, max, BigDecimal.class::cast, plain(min), plain(max));
                    }
                    case INTEGER -> {
                        BigDecimal min = validation.number("min");
                        BigDecimal max = validation.number("max");
                        checkOrder(validation, min, max);
                        yield new RangeConstraint<>(
                                longBound(min, RoundingMode.CEILING),
                                longBound(max, RoundingMode.FLOOR),
                                Long.class::cast,
                                plain(min),
                                plain(max));
                    }
                    case DATE -> {
                        LocalDate min = (LocalDate) temporalBound(validation, "min", converter);
                        LocalDate max = (LocalDate) temporalBound(validation, "max", converter);
                        checkOrder(validation, min, max);
                        yield new RangeConstraint<>(
                                min,
                                max,
                                LocalDate.class::cast,
                                String.valueOf(min),
                                String.valueOf(max));
                    }
                    case DATETIME -> {
                        Instant min = toInstant(temporalBound(validation, "min", converter));
                        Instant max = toInstant(temporalBound(validation, "max", converter));
                        checkOrder(validation, min, max);
                        yield new RangeConstraint<>(
                                min,
                                max,
                                FieldCompiler::toInstant,
                                text(validation, "min"),
                                text(validation, "max"));
                    }
                    case BOOLEAN ->
                            throw validation.error("min", "and max do not apply to boolean fields");
                };
        constraints.add(minMax);
    }

    private static <T extends Comparable<? super T>> void checkOrder(
            SchemaNode validation, T min, T max) throws InvalidSchemaException {
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw validation.error("min", "(" + min + ") is greater than max (" + max + ")");
        }
    }

    /**
     * An integer field's bound as a long, rounded inwards. Compared before it is rounded: {@code
     * setScale} of {@code 1e999999999} or {@code 1e-999999999} would compute with a power of ten of
     * a billion digits.
     */
    private static Long longBound(BigDecimal bound, RoundingMode rounding) {
        if (bound == null) {
            return null;
        }
        if (bound.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return Long.MAX_VALUE;
        }
        if (bound.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
            return Long.MIN_VALUE;
        }
        if (bound.abs().compareTo(BigDecimal.ONE)
                < 0) { // within (-1, 1): however many digits after the point
            return bound.signum() > 0 && rounding == RoundingMode.CEILING
                    ? 1L
                    : bound.signum() < 0 && rounding == RoundingMode.FLOOR ? -1L : 0L;
        }
        return bound.setScale(0, rounding)
                .longValueExact(); // at most 19 digits before the point, so scale <= precision
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : PlainNumbers.readable(value);
    }

    private static String text(SchemaNode node, String key) {
        return node.has(key) ? node.get(key).asText() : null;
    }

    /** A date or date-time bound, written in ISO-8601 or in the field's own format. */
    private static Object temporalBound(SchemaNode validation, String key, TypeConverter converter)
            throws InvalidSchemaException {
        if (!validation.has(key)) {
            return null;
        }
        Object bound = converter.convert(validation.get(key).asText());
        if (bound instanceof Violation) {
            bound =
                    (converter instanceof DateConverter
                                    ? new DateConverter(null, null)
                                    : new DateTimeConverter(null, null))
                            .convert(validation.get(key).asText());
        }
        if (!validation.get(key).isTextual() || bound instanceof Violation) {
            throw validation.error(key, "must be a date written as text, e.g. \"2024-01-31\"");
        }
        return bound;
    }

    private static Instant toInstant(Object dateTime) {
        if (dateTime == null) {
            return null;
        }
        return dateTime instanceof OffsetDateTime offset
                ? offset.toInstant()
                : ((LocalDateTime) dateTime).toInstant(ZoneOffset.UTC);
    }

    private static void addPattern(SchemaNode validation, List<Constraint> constraints)
            throws InvalidSchemaException {
        String pattern = validation.text("pattern");
        if (pattern == null) {
            return;
        }
        try {
            constraints.add(new PatternConstraint(Pattern.compile(pattern)));
        } catch (PatternSyntaxException e) {
            throw validation.error(
                    "pattern",
                    "'" + pattern + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    private static void addEnum(
            SchemaNode validation,
            FieldType type,
            TypeConverter converter,
            List<Constraint> constraints)
            throws InvalidSchemaException {
        if (!validation.has("enum")) {
            return;
        }
        JsonNode values = validation.get("enum");
        if (!values.isArray() || values.isEmpty()) {
            throw validation.error("enum", "must be a non-empty array");
        }
        List<Object> allowed = new ArrayList<>();
        for (JsonNode value : values) {
            Object typed =
                    value.isValueNode() && !value.isNull()
                            ? converter.convert(scalar(validation, "enum", value))
                            : null;
            if (typed == null || typed instanceof Violation) {
                throw validation.error(
                        "enum", "value " + value + " is not a valid " + type.wireName());
            }
            allowed.add(typed);
        }
        constraints.add(new EnumConstraint(allowed));
    }

    private static FieldTransformer transformer(String name, SchemaNode transform)
            throws InvalidSchemaException {
        String mapping = transform.text("mapping");
        CaseConversion caseConversion = CaseConversion.NONE;
        String caseName = transform.text("case");
        if (caseName != null) {
            caseConversion =
                    switch (caseName) {
                        case "lower" -> CaseConversion.LOWER;
                        case "upper" -> CaseConversion.UPPER;
                        default -> throw transform.error("case", "must be \"lower\" or \"upper\"");
                    };
        }
        Object defaultValue = null;
        if (transform.has("default")) {
            JsonNode value = transform.get("default");
            if (!value.isValueNode()) {
                throw transform.error("default", "must be a string, number, boolean or null");
            }
            defaultValue = scalar(transform, "default", value);
        }
        return new FieldTransformer(
                FieldPath.of(mapping == null ? name : mapping),
                transform.bool("trim", false),
                caseConversion,
                defaultValue);
    }

    /** A default that could never pass its own field's validation is a mistake in the schema. */
    private static void checkDefault(
            SchemaNode transform, FieldTransformer transformer, FieldValidator validator)
            throws InvalidSchemaException {
        Object prepared = transformer.apply(null);
        if (prepared != null && validator.validate(prepared) instanceof Violation violation) {
            throw transform.error(
                    "default",
                    "(" + transform.get("default") + ") is itself invalid: " + violation.message());
        }
    }

    private static Object scalar(SchemaNode node, String key, JsonNode value)
            throws InvalidSchemaException {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        return value.isNumber() ? node.decimal(key, value) : null;
    }
}
