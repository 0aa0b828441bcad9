package com.partnerpipeline.processing;

import static com.partnerpipeline.processing.RecordEvaluatorTest.errors;
import static com.partnerpipeline.processing.RecordEvaluatorTest.evaluate;
import static com.partnerpipeline.processing.RecordEvaluatorTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.validation.ErrorCode;
import com.partnerpipeline.validation.FieldError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A few bytes of JSON can hold a number of a billion digits: it is rejected per record, never
 * written out.
 */
class HostileNumbersTest {
    private static final String SCHEMA =
            """
            [{"name": "name", "type": "string"},
             {"name": "flag", "type": "boolean"},
             {"name": "qty", "type": "integer"},
             {"name": "price", "type": "number"}]
            """;

    @Test
    void eightyFourBytesOfHugeExponentsAreRejectedRecordByRecord() throws Exception {
        String file =
                """
                {"name":1e999999999}
                {"name":1e-999999999}
                {"flag":1e999999999}
                {"qty":1e999999999}
                """;
        assertThat(file.getBytes(StandardCharsets.UTF_8)).hasSize(84);

        List<Evaluation> result = evaluate(SCHEMA, null, FileFormat.JSON, file);

        assertThat(result).hasSize(4);
        assertThat(errors(result.get(0)))
                .containsExactly(
                        new FieldError(
                                0,
                                1,
                                "name",
                                ErrorCode.NUMBER_OUT_OF_RANGE,
                                "number too large or too small to write out as text (more than 1000 digits); send it as a string",
                                "1E+999999999"));
        assertThat(errors(result.get(1)))
                .extracting(FieldError::code, FieldError::rawValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ErrorCode.NUMBER_OUT_OF_RANGE, "1E-999999999"));
        assertThat(errors(result.get(2)))
                .extracting(FieldError::code)
                .containsExactly(ErrorCode.INVALID_TYPE);
        assertThat(errors(result.get(3)))
                .extracting(FieldError::code)
                .containsExactly(ErrorCode.NUMBER_OUT_OF_RANGE);
    }

    @Test
    void numbersPostgresqlCannotStoreAreRejectedAndOrdinaryOnesKept() throws Exception {
        List<Evaluation> result =
                evaluate(
                        SCHEMA,
                        null,
                        FileFormat.JSON,
                        """
                {"price": 1e1000000}
                {"price": "1e1000000"}
                {"price": 1e131071}
                {"price": 1e-16384}
                {"name": 12345, "flag": 1, "qty": 12.0, "price": 1.5e3}
                {"name": 1.5e3, "price": "-0.50"}
                """);

        assertThat(errors(result.get(0)))
                .extracting(FieldError::code, FieldError::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ErrorCode.NUMBER_OUT_OF_RANGE,
                                "number out of range: at most 131072 digits before the decimal point and 16383 after"));
        assertThat(errors(result.get(1)))
                .extracting(FieldError::code)
                .containsExactly(ErrorCode.NUMBER_OUT_OF_RANGE);
        assertThat(values(result.get(2)))
                .containsExactly(null, null, null, new BigDecimal("1e131071"));
        assertThat(errors(result.get(3)))
                .extracting(FieldError::code)
                .containsExactly(ErrorCode.NUMBER_OUT_OF_RANGE);
        assertThat(values(result.get(4)))
                .containsExactly("12345", true, 12L, new BigDecimal("1.5e3"));
        assertThat(values(result.get(5)))
                .containsExactly("1500", null, null, new BigDecimal("-0.50"));
    }

    @Test
    void csvAndXmlTextIsBoundedTheSameWay() throws Exception {
        List<Evaluation> csv =
                evaluate(
                        SCHEMA,
                        null,
                        FileFormat.CSV,
                        "name,price\n1e999999999,1e999999999\n1e3,1e3\n");
        List<Evaluation> xml =
                evaluate(
                        SCHEMA,
                        null,
                        FileFormat.XML,
                        "<rows><row><name>1e999999999</name><price>1e-999999999</price></row></rows>");

        assertThat(errors(csv.get(0)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "price", ErrorCode.NUMBER_OUT_OF_RANGE));
        assertThat(values(csv.get(1))).containsExactly("1e3", null, null, new BigDecimal("1e3"));
        assertThat(errors(xml.get(0)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "price", ErrorCode.NUMBER_OUT_OF_RANGE));
    }

    @Test
    void exponentBeyondWhatAnyDecimalHoldsRejectsItsRecordAndReadingGoesOn() throws Exception {
        String schema = "[{\"name\": \"price\", \"type\": \"number\"}]";
        List<Evaluation> lines =
                evaluate(
                        schema,
                        null,
                        FileFormat.JSON,
                        "{\"price\": 1e9999999999}\n{\"price\": 2}\n");
        List<Evaluation> array =
                evaluate(
                        schema,
                        null,
                        FileFormat.JSON,
                        "[{\"price\": -1e-9999999999},\n{\"price\": 2}]");

        assertThat(errors(lines.get(0)))
                .containsExactly(
                        new FieldError(
                                0,
                                1,
                                null,
                                ErrorCode.MALFORMED_RECORD,
                                "number out of range: 1e9999999999",
                                "{\"price\": 1e9999999999}"));
        assertThat(values(lines.get(1))).containsExactly(new BigDecimal("2"));
        assertThat(errors(array.get(0)))
                .extracting(FieldError::code, FieldError::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ErrorCode.MALFORMED_RECORD, "number out of range: -1e-9999999999"));
        assertThat(values(array.get(1))).containsExactly(new BigDecimal("2"));
    }
}
