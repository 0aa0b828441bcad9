package com.partnerpipeline.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The schema compiler on generated schema documents (jqwik): every key it knows, with values of the right kind, the
 * wrong kind, out of range or absurd (1e999, regexes of counted repetitions, impossible dates), and keys it does not
 * know. Whatever the document, it compiles or is refused with {@link InvalidSchemaException} (see
 * {@link SchemaInvariants}). Both outcomes must occur, or the generator is not reaching the compiler.
 */
class SchemaCompilerPropertiesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String AUTO_NAME = "$auto";
    private static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "date", "datetime",
            "email", "url");

    @Property
    void compilesOrRefusesWithAMessage(@ForAll("schemaDocuments") JsonNode document) {
        Statistics.collect(SchemaInvariants.compile(document) ? "compiled" : "refused");
        // the generator must reach the compiler's insides, not just its first check
        Statistics.coverage(coverage -> {
            coverage.check("compiled").count(count -> count > 0);
            coverage.check("refused").count(count -> count > 0);
        });
    }

    @Provide
    Arbitrary<JsonNode> schemaDocuments() {
        Arbitrary<JsonNode> fieldsArray = field().list().ofMaxSize(6).map(list -> {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                JsonNode field = list.get(i);
                if (field.path("name").asText().equals(AUTO_NAME)) {
                    ((ObjectNode) field).put("name", "f" + i); // plausible fields have distinct names
                }
                array.add(field);
            }
            return array;
        });
        Arbitrary<JsonNode> withRules = Arbitraries.lazy(() -> fieldsArray.flatMap(fields -> rules().map(rules -> {
            ObjectNode document = NODES.objectNode();
            document.put("name", "generated");
            document.set("fields", fields);
            document.set("validation_rules", rules);
            return document;
        })));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, withRules),
                net.jqwik.api.Tuple.of(2, fieldsArray),
                net.jqwik.api.Tuple.of(1, anyJson(3)));
    }

    /** Half the fields are plausible, so that whole schemas compile too; the rest are anything. */
    private Arbitrary<JsonNode> field() {
        Arbitrary<JsonNode> plausible = Arbitraries.of(TYPES).flatMap(type -> plausibleValidation().map(validation -> {
            ObjectNode field = NODES.objectNode().put("name", AUTO_NAME).put("type", type);
            if (!validation.isEmpty()) {
                field.set("validation", validation);
            }
            return (JsonNode) field;
        }));
        Arbitrary<Map<String, JsonNode>> entries = Arbitraries.maps(
                Arbitraries.of("name", "name", "type", "type", "validation", "transform", "format", "description", "nmae"),
                Arbitraries.lazy(this::fieldValue)).ofMaxSize(6);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, plausible),
                net.jqwik.api.Tuple.of(5, Arbitraries.lazy(() -> entries.map(SchemaCompilerPropertiesTest::object))),
                net.jqwik.api.Tuple.of(1, anyJson(2)));
    }

    private Arbitrary<ObjectNode> plausibleValidation() {
        return Arbitraries.maps(Arbitraries.of("required", "minLength", "maxLength"), Arbitraries.oneOf(
                        Arbitraries.of(true, false).map(NODES::booleanNode),
                        Arbitraries.integers().between(0, 20).map(NODES::numberNode)))
                .ofMaxSize(2).map(entries -> {
                    ObjectNode validation = NODES.objectNode();
                    entries.forEach(validation::set);
                    return validation;
                });
    }

    private Arbitrary<JsonNode> fieldValue() {
        return Arbitraries.oneOf(
                Arbitraries.of(TYPES).map(NODES::textNode),
                Arbitraries.of("a", "b", "id", "", "a.b", "x".repeat(300), "é", "a b").map(NODES::textNode),
                validation(),
                transform(),
                scalar());
    }

    private Arbitrary<JsonNode> validation() {
        return Arbitraries.maps(Arbitraries.of("type", "required", "min", "max", "minLength", "maxLength", "pattern",
                        "enum", "format", "requird"), Arbitraries.lazy(this::constraintValue)).ofMaxSize(5)
                .map(SchemaCompilerPropertiesTest::object);
    }

    private Arbitrary<JsonNode> constraintValue() {
        return Arbitraries.oneOf(
                Arbitraries.of(TYPES).map(NODES::textNode),
                scalar(),
                pattern().map(NODES::textNode),
                Arbitraries.of("2024-05-31", "2023-02-30", "31/05/2024", "2024-05-31T14:30:00Z", "yyyy-MM-dd",
                        "dd/MM/uuuu", "'", "QQQ", "[yyyy]", "{").map(NODES::textNode),
                scalar().list().ofMaxSize(4).map(SchemaCompilerPropertiesTest::array));
    }

    private Arbitrary<String> pattern() {
        return Arbitraries.of("a", "b", "(", ")", "[", "]", "^", "$", "*", "+", "?", "|", "\\", "\\d", "\\p{L}", "{2}",
                        "{1000}", "{2,}", "{,3}", ".", "(?i)", "(?P<n>", "\\1", "(?=x)", "[^a-z]", "\\Q", "\\E")
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    private Arbitrary<JsonNode> transform() {
        return Arbitraries.maps(Arbitraries.of("mapping", "trim", "case", "default", "map"), Arbitraries.oneOf(
                Arbitraries.of("lower", "upper", "title", "a.b.c", "a..b", ".", "x".repeat(40)).map(NODES::textNode),
                scalar())).ofMaxSize(4).map(SchemaCompilerPropertiesTest::object);
    }

    private Arbitrary<JsonNode> rules() {
        return Arbitraries.maps(Arbitraries.of("requireAtLeastOne", "maxErrors", "maxErrorRate", "minRecordsForErrorRate",
                        "allowExtraFields", "maxErorrs"), Arbitraries.oneOf(
                        scalar(),
                        Arbitraries.of("a", "b", "id", "nope").list().ofMaxSize(4)
                                .map(names -> array(names.stream().map(n -> (JsonNode) NODES.textNode(n)).toList()))))
                .ofMaxSize(5).map(SchemaCompilerPropertiesTest::object);
    }

    /** Scalars of every JSON kind, the awkward ones overrepresented; Jackson reads 1e999 in a request as infinity. */
    private Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().between(-3, 300).map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of("1e999", "-1e999", "1e-999", "0.5", "-0.0", "9223372036854775808",
                        "123456789012345678901234567890.5").map(text -> NODES.numberNode(new BigDecimal(text))),
                Arbitraries.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5, -2.25).map(NODES::numberNode),
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.strings().ofMaxLength(10).map(NODES::textNode));
    }

    private Arbitrary<JsonNode> anyJson(int depth) {
        if (depth == 0) {
            return scalar();
        }
        return Arbitraries.oneOf(scalar(),
                Arbitraries.lazy(() -> anyJson(depth - 1)).list().ofMaxSize(3).map(SchemaCompilerPropertiesTest::array),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), Arbitraries.lazy(() -> anyJson(depth - 1)))
                        .ofMaxSize(3).map(SchemaCompilerPropertiesTest::object));
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
