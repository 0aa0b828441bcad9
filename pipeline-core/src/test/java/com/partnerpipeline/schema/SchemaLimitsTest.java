package com.partnerpipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerpipeline.validation.ErrorCode;
import com.partnerpipeline.validation.Violation;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every schema limit, at its boundary. The timeout only guards the build: before the limits, the
 * first two tests ran out of memory or took minutes.
 */
@Timeout(20)
class SchemaLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CompiledSchema compile(SchemaLimits limits, JsonNode fields, JsonNode rules)
            throws InvalidSchemaException {
        return new SchemaCompiler(limits).compile(fields, rules);
    }

    private static CompiledSchema compile(String fields) throws Exception {
        return compile(SchemaLimits.DEFAULTS, JSON.readTree(fields), null);
    }

    private static void assertRefused(String fields, String message) {
        assertThatThrownBy(() -> compile(fields))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessage(message);
    }

    private static String field(String validation) {
        return "[{\"name\": \"code\", \"type\": \"string\", \"validation\": " + validation + "}]";
    }

    /** One string field 'a' with this {@code transform}. */
    private static String transform(String transform) {
        return "[{\"name\": \"a\", \"type\": \"string\", \"transform\": " + transform + "}]";
    }

    /**
     * {@code count} fields named f0, f1...; {@code type} may be nonsense, since counting comes
     * first.
     */
    private static ArrayNode fields(int count, String type) {
        ArrayNode fields = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            fields.addObject().put("name", "f" + i).put("type", type);
        }
        return fields;
    }

    @Test
    void aHundredThousandFieldsAreRefusedBeforeAnyIsCompiled() {
        assertThatThrownBy(
                        () -> compile(SchemaLimits.DEFAULTS, fields(100_000, "no such type"), null))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessage(
                        "the schema has 100000 fields; at most 1000 are allowed (schemas.maxFields)");
    }

    @Test
    void nestedCountedRepetitionsAreRefusedByTheirSizeWithoutCompiling() {
        assertRefused(
                field("{\"pattern\": \"^((a{1000}){1000}){1000}$\"}"),
                "field 'code': validation.pattern compiles to about 1002002002 instructions (its counted repetitions "
                        + "multiplied out); at most 10000 are allowed (schemas.maxPatternSize)");
        assertRefused(
                field("{\"pattern\": \"^(a{99}){100}$\"}"),
                "field 'code': validation.pattern compiles to about 10102 instructions (its counted repetitions "
                        + "multiplied out); at most 10000 are allowed (schemas.maxPatternSize)");
    }

    @Test
    void aMegabytePatternIsRefusedByItsLength() {
        String pattern = "a".repeat(1 << 20);
        assertRefused(
                field("{\"pattern\": \"" + pattern + "\"}"),
                "field 'code': validation.pattern is 1048576 characters long; at most 1000 are allowed (schemas.maxPatternLength)");
    }

    @Test
    void patternsWithinTheLimitsCompileAndMatch() throws Exception {
        CompiledSchema schema = compile(field("{\"pattern\": \"^(a{97}){100}$\"}"));
        CompiledSchema longest =
                compile(field("{\"pattern\": \"" + "[a-z]?".repeat(166) + "abcd\"}"));

        assertThat(schema.fields().get(0).validator().validate("a".repeat(9700)))
                .isEqualTo("a".repeat(9700));
        assertThat(
                        ((Violation) schema.fields().get(0).validator().validate("a".repeat(9699)))
                                .code())
                .isEqualTo(ErrorCode.INVALID_FORMAT);
        assertThat(longest.fields().get(0).validator().validate("xabcd")).isEqualTo("xabcd");
    }

    @Test
    void fieldsUpToTheLimitCompile() throws Exception {
        assertThat(compile(SchemaLimits.DEFAULTS, fields(1000, "string"), null).fields())
                .hasSize(1000);
        SchemaLimits two = new SchemaLimits(2, 256, 32, 1000, 10_000, 1000, 1000, 100);
        assertThatThrownBy(() -> compile(two, fields(3, "string"), null))
                .hasMessage("the schema has 3 fields; at most 2 are allowed (schemas.maxFields)");
    }

    @Test
    void enumSizeAndTextValueLengthsAreBounded() throws Exception {
        String thousand =
                IntStream.range(0, 1000)
                        .mapToObj(i -> "\"v" + i + "\"")
                        .collect(Collectors.joining(","));
        assertThat(compile(field("{\"enum\": [" + thousand + "]}")).fields()).hasSize(1);
        assertRefused(
                field("{\"enum\": [" + thousand + ", \"one more\"]}"),
                "field 'code': validation.enum has 1001 values; at most 1000 are allowed (schemas.maxEnumValues)");
        assertRefused(
                field("{\"enum\": [\"" + "x".repeat(1001) + "\"]}"),
                "field 'code': validation.enum value is 1001 characters long; at most 1000 are allowed (schemas.maxValueLength)");
        assertRefused(
                transform("{\"default\": \"" + "x".repeat(1001) + "\"}"),
                "field 'a': transform.default is 1001 characters long; at most 1000 are allowed (schemas.maxValueLength)");
        assertRefused(
                "[{\"name\": \"d\", \"type\": \"date\", \"format\": \"" + "y".repeat(1001) + "\"}]",
                "field 'd': format is 1001 characters long; at most 1000 are allowed (schemas.maxValueLength)");
    }

    @Test
    void enumMessageListsOnlyTheFirstValues() throws Exception {
        String hundred =
                IntStream.range(0, 100)
                        .mapToObj(i -> String.format("\"value-%03d\"", i))
                        .collect(Collectors.joining(","));
        CompiledSchema schema = compile(field("{\"enum\": [" + hundred + "]}"));

        Violation violation = (Violation) schema.fields().get(0).validator().validate("other");
        assertThat(violation.message())
                .startsWith("must be one of: value-000, value-001, ")
                .endsWith(", ... (100 values in all)");
        assertThat(violation.message().length()).isLessThan(250);
    }

    @Test
    void namesAndMappingsAreBoundedInLengthAndDepth() throws Exception {
        String deep32 =
                IntStream.range(0, 32).mapToObj(i -> "l" + i).collect(Collectors.joining("."));
        assertThat(compile(transform("{\"mapping\": \"" + deep32 + "\"}")).fields()).hasSize(1);
        assertRefused(
                transform("{\"mapping\": \"" + deep32 + ".l32\"}"),
                "field 'a': transform.mapping has 33 levels; at most 32 are allowed (schemas.maxDepth)");
        assertRefused(
                "[{\"name\": \"" + "n".repeat(257) + "\", \"type\": \"string\"}]",
                "field 1: name is 257 characters long; at most 256 are allowed (schemas.maxNameLength)");
        assertRefused(
                transform("{\"mapping\": \"" + "m".repeat(257) + "\"}"),
                "field 'a': transform.mapping is 257 characters long; at most 256 are allowed (schemas.maxNameLength)");
    }

    @Test
    void deeplyNestedSchemaJsonIsRefusedWithoutRecursion() throws Exception {
        ObjectNode field = JSON.createObjectNode().put("name", "a").put("type", "string");
        ArrayNode nested = field.putArray("description");
        for (int i = 0; i < 100_000; i++) {
            nested = nested.addArray();
        }
        ArrayNode fields = JSON.createArrayNode().add(field);

        assertThatThrownBy(() -> compile(SchemaLimits.DEFAULTS, fields, null))
                .hasMessage(
                        "the schema's JSON nests 33 or more levels deep; at most 32 are allowed (schemas.maxDepth)");
    }

    @Test
    void crossFieldRulesNameABoundedNumberOfFields() throws Exception {
        ArrayNode fields = fields(101, "string");
        ObjectNode rules = JSON.createObjectNode();
        ArrayNode names = rules.putArray("requireAtLeastOne");
        IntStream.range(0, 100).forEach(i -> names.add("f" + i));
        assertThat(compile(SchemaLimits.DEFAULTS, fields, rules).rules()).hasSize(1);

        names.add("f100");
        assertThatThrownBy(() -> compile(SchemaLimits.DEFAULTS, fields, rules))
                .hasMessage(
                        "validation_rules: requireAtLeastOne names 101 fields; at most 100 are allowed (schemas.maxRuleFields)");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new SchemaLimits(0, 256, 32, 1000, 10_000, 1000, 1000, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaLimits(1000, 256, 3, 1000, 10_000, 1000, 1000, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * PostgreSQL's jsonb refused these with a server error; offline and server now refuse them
     * alike.
     */
    @Test
    void nulAndControlCharactersAreRefusedWhereTheyCannotBeStoredOrShown() throws Exception {
        assertRefused(
                "[{\"name\": \"i\\u0000d\", \"type\": \"string\"}]",
                "a text in the schema contains the NUL character (\\u0000), which cannot be stored");
        assertRefused(
                "[{\"name\": \"a\\tb\", \"type\": \"string\"}]",
                "field 1: name contains a control character");
        assertRefused(
                transform("{\"default\": \"x\\u0000\"}"),
                "a text in the schema contains the NUL character (\\u0000), which cannot be stored");
        assertRefused(
                field("{\"enum\": [\"\\u0000\"]}"),
                "a text in the schema contains the NUL character (\\u0000), which cannot be stored");
        assertThatThrownBy(
                        () ->
                                SchemaFile.parse(
                                        JSON.readTree("{\"name\": \"a\\u0000\", \"fields\": []}")))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessage("name contains a control character");
        assertThat(compile(transform("{\"default\": \"tab\\there\"}")).fields()).hasSize(1);
    }
}
