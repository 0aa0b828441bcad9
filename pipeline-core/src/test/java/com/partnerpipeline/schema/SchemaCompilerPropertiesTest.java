package com.partnerpipeline.schema;

import static com.partnerpipeline.testing.Generators.anyLong;
import static com.partnerpipeline.testing.Generators.anyString;
import static com.partnerpipeline.testing.Generators.between;
import static com.partnerpipeline.testing.Generators.forAll;
import static com.partnerpipeline.testing.Generators.frequency;
import static com.partnerpipeline.testing.Generators.list;
import static com.partnerpipeline.testing.Generators.map;
import static com.partnerpipeline.testing.Generators.oneOf;
import static com.partnerpipeline.testing.Generators.oneOfGenerated;
import static com.partnerpipeline.testing.Generators.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerpipeline.testing.Generators;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The schema compiler on generated schema documents (plain JUnit, see {@link Generators}): every
 * key it knows, with values of the right kind, the wrong kind, out of range or absurd (1e999,
 * regexes of counted repetitions, impossible dates), and keys it does not know. Whatever the
 * document, it compiles or is refused with {@link InvalidSchemaException} (see {@link
 * SchemaInvariants}). Both outcomes must occur, or the generator is not reaching the compiler. 200
 * documents in the build; {@code -Dproperties.tries=N} runs N, {@code -Dproperties.seed=S} starts
 * from seed S (a failure names its document's seed).
 */
class SchemaCompilerPropertiesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String AUTO_NAME = "$auto";
    private static final List<String> TYPES =
            List.of("string", "integer", "number", "boolean", "date", "datetime", "email", "url");

    /** Fewer documents than this (a single seed run alone, say) need not show both outcomes. */
    private static final int TRIES_FOR_BOTH_OUTCOMES = 50;

    @Test
    void compilesOrRefusesWithAMessage() {
        int[] outcomes = new int[2]; // compiled, refused
        forAll(
                "compilesOrRefusesWithAMessage",
                SchemaCompilerPropertiesTest::schemaDocument,
                document -> quoted(String.valueOf(document)),
                document -> outcomes[SchemaInvariants.compile(document) ? 0 : 1]++);
        // the generator must reach the compiler's insides, not just its first check
        if (Generators.tries() >= TRIES_FOR_BOTH_OUTCOMES) {
            assertThat(outcomes[0])
                    .as("documents compiled (refused: %d)", outcomes[1])
                    .isPositive();
            assertThat(outcomes[1])
                    .as("documents refused (compiled: %d)", outcomes[0])
                    .isPositive();
        }
    }

    /** A whole schema with rules (4 in 7), a bare fields array (2 in 7), or any JSON (1 in 7). */
    private static JsonNode schemaDocument(Random random) {
        return frequency(
                random,
                new int[] {4, 2, 1},
                r -> {
                    ObjectNode document = NODES.objectNode();
                    document.put("name", "generated");
                    document.set("fields", fieldsArray(r));
                    document.set("validation_rules", rules(r));
                    return document;
                },
                SchemaCompilerPropertiesTest::fieldsArray,
                r -> anyJson(r, 3));
    }

    private static JsonNode fieldsArray(Random random) {
        List<JsonNode> list = list(random, 0, 6, SchemaCompilerPropertiesTest::field);
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < list.size(); i++) {
            JsonNode field = list.get(i);
            if (field.path("name").asText().equals(AUTO_NAME)) {
                ((ObjectNode) field).put("name", "f" + i); // plausible fields have distinct names
            }
            array.add(field);
        }
        return array;
    }

    /** Half the fields are plausible, so that whole schemas compile too; the rest are anything. */
    private static JsonNode field(Random random) {
        return frequency(
                random,
                new int[] {6, 5, 1},
                r -> {
                    ObjectNode field =
                            NODES.objectNode().put("name", AUTO_NAME).put("type", oneOf(r, TYPES));
                    ObjectNode validation = plausibleValidation(r);
                    if (!validation.isEmpty()) {
                        field.set("validation", validation);
                    }
                    return field;
                },
                r ->
                        object(
                                map(
                                        r,
                                        0,
                                        6,
                                        k ->
                                                oneOf(
                                                        k,
                                                        "name",
                                                        "name",
                                                        "type",
                                                        "type",
                                                        "validation",
                                                        "transform",
                                                        "format",
                                                        "description",
                                                        "nmae"),
                                        SchemaCompilerPropertiesTest::fieldValue)),
                r -> anyJson(r, 2));
    }

    private static ObjectNode plausibleValidation(Random random) {
        ObjectNode validation = NODES.objectNode();
        map(
                        random,
                        0,
                        2,
                        r -> oneOf(r, "required", "minLength", "maxLength"),
                        r ->
                                r.nextBoolean()
                                        ? NODES.booleanNode(r.nextBoolean())
                                        : NODES.numberNode(between(r, 0, 20)))
                .forEach(validation::set);
        return validation;
    }

    private static JsonNode fieldValue(Random random) {
        return oneOfGenerated(
                random,
                r -> NODES.textNode(oneOf(r, TYPES)),
                r ->
                        NODES.textNode(
                                oneOf(r, "a", "b", "id", "", "a.b", "x".repeat(300), "é", "a b")),
                SchemaCompilerPropertiesTest::validation,
                SchemaCompilerPropertiesTest::transform,
                SchemaCompilerPropertiesTest::scalar);
    }

    private static JsonNode validation(Random random) {
        return object(
                map(
                        random,
                        0,
                        5,
                        r ->
                                oneOf(
                                        r,
                                        "type",
                                        "required",
                                        "min",
                                        "max",
                                        "minLength",
                                        "maxLength",
                                        "pattern",
                                        "enum",
                                        "format",
                                        "requird"),
                        SchemaCompilerPropertiesTest::constraintValue));
    }

    private static JsonNode constraintValue(Random random) {
        return oneOfGenerated(
                random,
                r -> NODES.textNode(oneOf(r, TYPES)),
                SchemaCompilerPropertiesTest::scalar,
                r -> NODES.textNode(pattern(r)),
                r ->
                        NODES.textNode(
                                oneOf(
                                        r,
                                        "2024-05-31",
                                        "2023-02-30",
                                        "31/05/2024",
                                        "2024-05-31T14:30:00Z",
                                        "yyyy-MM-dd",
                                        "dd/MM/uuuu",
                                        "'",
                                        "QQQ",
                                        "[yyyy]",
                                        "{")),
                r -> array(list(r, 0, 4, SchemaCompilerPropertiesTest::scalar)));
    }

    private static String pattern(Random random) {
        return String.join(
                "",
                list(
                        random,
                        0,
                        12,
                        r ->
                                oneOf(
                                        r, "a", "b", "(", ")", "[", "]", "^", "$", "*", "+", "?",
                                        "|", "\\", "\\d", "\\p{L}", "{2}", "{1000}", "{2,}", "{,3}",
                                        ".", "(?i)", "(?P<n>", "\\1", "(?=x)", "[^a-z]", "\\Q",
                                        "\\E")));
    }

    private static JsonNode transform(Random random) {
        return object(
                map(
                        random,
                        0,
                        4,
                        r -> oneOf(r, "mapping", "trim", "case", "default", "map"),
                        r ->
                                r.nextBoolean()
                                        ? NODES.textNode(
                                                oneOf(
                                                        r,
                                                        "lower",
                                                        "upper",
                                                        "title",
                                                        "a.b.c",
                                                        "a..b",
                                                        ".",
                                                        "x".repeat(40)))
                                        : scalar(r)));
    }

    private static JsonNode rules(Random random) {
        return object(
                map(
                        random,
                        0,
                        5,
                        r ->
                                oneOf(
                                        r,
                                        "requireAtLeastOne",
                                        "maxErrors",
                                        "maxErrorRate",
                                        "minRecordsForErrorRate",
                                        "allowExtraFields",
                                        "maxErorrs"),
                        r ->
                                r.nextBoolean()
                                        ? scalar(r)
                                        : array(
                                                list(
                                                        r,
                                                        0,
                                                        4,
                                                        n ->
                                                                (JsonNode)
                                                                        NODES.textNode(
                                                                                oneOf(
                                                                                        n, "a", "b",
                                                                                        "id",
                                                                                        "nope"))))));
    }

    /**
     * Scalars of every JSON kind, the awkward ones overrepresented; Jackson reads 1e999 in a
     * request as infinity.
     */
    private static JsonNode scalar(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.booleanNode(random.nextBoolean());
            case 1 -> NODES.numberNode(between(random, -3, 300));
            case 2 -> NODES.numberNode(anyLong(random));
            case 3 ->
                    NODES.numberNode(
                            new BigDecimal(
                                    oneOf(
                                            random,
                                            "1e999",
                                            "-1e999",
                                            "1e-999",
                                            "0.5",
                                            "-0.0",
                                            "9223372036854775808",
                                            "123456789012345678901234567890.5")));
            case 4 ->
                    NODES.numberNode(
                            oneOf(
                                    random,
                                    Double.POSITIVE_INFINITY,
                                    Double.NEGATIVE_INFINITY,
                                    1.5,
                                    -2.25));
            case 5 -> NODES.nullNode();
            default -> NODES.textNode(anyString(random, 10));
        };
    }

    private static JsonNode anyJson(Random random, int depth) {
        if (depth == 0) {
            return scalar(random);
        }
        return switch (random.nextInt(3)) {
            case 0 -> scalar(random);
            case 1 -> array(list(random, 0, 3, r -> anyJson(r, depth - 1)));
            default -> object(map(random, 0, 3, r -> anyString(r, 6), r -> anyJson(r, depth - 1)));
        };
    }

    private static JsonNode object(Map<String, JsonNode> entries) {
        ObjectNode object = NODES.objectNode();
        entries.forEach(object::set);
        return object;
    }

    private static JsonNode array(List<JsonNode> elements) {
        ArrayNode array = NODES.arrayNode();
        elements.forEach(array::add);
        return array;
    }
}
