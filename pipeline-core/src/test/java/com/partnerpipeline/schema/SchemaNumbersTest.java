package com.partnerpipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.partnerpipeline.validation.ErrorCode;
import com.partnerpipeline.validation.Violation;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers in a schema are partner input too: a huge exponent is neither expanded nor rounded digit
 * by digit.
 */
class SchemaNumbersTest {
    /** How schema files, the API and the worker read schemas: floating-point numbers as doubles. */
    private static final ObjectMapper DOUBLES = new ObjectMapper();

    /** A caller that keeps decimals exact, which lets a number carry any exponent. */
    private static final ObjectMapper DECIMALS =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static CompiledSchema compile(ObjectMapper json, String fields) throws Exception {
        return new SchemaCompiler(SchemaLimits.DEFAULTS).compile(json.readTree(fields), null);
    }

    private static Object validate(CompiledSchema schema, int field, Object value) {
        return schema.fields().get(field).validator().validate(value);
    }

    @Test
    void exactBoundsWithHugeExponentsAreComparedNotExpanded() throws Exception {
        CompiledSchema schema =
                compile(
                        DECIMALS,
                        """
                [{"name": "qty", "type": "integer", "validation": {"min": 1e-999999999, "max": 1e999999999}},
                 {"name": "price", "type": "number", "validation": {"min": -1e999999999, "max": 1e-999999999}},
                 {"name": "low", "type": "integer", "validation": {"min": -1e999999999, "max": -1e-999999999}}]
                """);

        assertThat(((Violation) validate(schema, 0, 0L)).message())
                .isEqualTo("must be at least 1E-999999999");
        assertThat(validate(schema, 0, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(((Violation) validate(schema, 1, 1L)).message())
                .isEqualTo("must be at most 1E-999999999");
        assertThat(validate(schema, 1, 0L)).isEqualTo(BigDecimal.ZERO);
        assertThat(validate(schema, 2, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(((Violation) validate(schema, 2, 0L)).code()).isEqualTo(ErrorCode.TOO_BIG);
        assertThat(validate(schema, 2, -1L)).isEqualTo(-1L);
    }

    /**
     * Exact decimals with a huge exponent for a text field, and doubles beyond their range (read as
     * infinite), are refused with a message, never written out or turned into a
     * NumberFormatException.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            textBlock =
                    """
            exact   | string | validation | {"enum": [1e999999999]}     | field 'a': validation: enum value 1E+999999999 is not a valid string
            exact   | string | transform  | {"default": 1e-999999999}   | field 'a': transform: default (1E-999999999) is itself invalid: number too large or too small
            doubles | number | validation | {"max": 1e999999999}        | field 'a': validation: max has a number too large to use (beyond ±1.8e308)
            doubles | string | validation | {"enum": ["x", -1e999]}     | field 'a': validation: enum has a number too large to use (beyond ±1.8e308)
            doubles | string | transform  | {"default": 1e999}          | field 'a': transform: default has a number too large to use (beyond ±1.8e308)
            """)
    void numbersNoSchemaValueCanHoldAreRefused(
            String numbers, String type, String key, String object, String message) {
        String fields =
                "[{\"name\": \"a\", \"type\": \"" + type + "\", \"" + key + "\": " + object + "}]";
        assertThatThrownBy(() -> compile(numbers.equals("exact") ? DECIMALS : DOUBLES, fields))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageStartingWith(message);
    }
}
