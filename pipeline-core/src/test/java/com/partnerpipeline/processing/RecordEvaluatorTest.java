package com.partnerpipeline.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.formats.ReadItem;
import com.partnerpipeline.formats.ReaderLimits;
import com.partnerpipeline.formats.RecordReader;
import com.partnerpipeline.schema.CompiledSchema;
import com.partnerpipeline.schema.SchemaCompiler;
import com.partnerpipeline.schema.SchemaLimits;
import com.partnerpipeline.validation.ErrorCode;
import com.partnerpipeline.validation.FieldError;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transformation and validation of whole records, from file text to typed values or errors. */
class RecordEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Evaluation> evaluate(String fields, String rules, FileFormat format, String content)
            throws Exception {
        CompiledSchema schema =
                new SchemaCompiler(SchemaLimits.DEFAULTS)
                        .compile(
                                JSON.readTree(fields), rules == null ? null : JSON.readTree(rules));
        RecordEvaluator evaluator = new RecordEvaluator(schema);
        List<Evaluation> evaluations = new ArrayList<>();
        try (RecordReader reader =
                format.open(
                        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                        ReaderLimits.DEFAULTS)) {
            ReadItem item;
            while ((item = reader.next()) != null) {
                evaluations.add(evaluator.evaluate(item));
            }
        }
        return evaluations;
    }

    static List<FieldError> errors(Evaluation evaluation) {
        assertThat(evaluation).isInstanceOf(RejectedRecord.class);
        return ((RejectedRecord) evaluation).errors();
    }

    static Object[] values(Evaluation evaluation) {
        assertThat(evaluation).isInstanceOf(ValidRecord.class);
        return ((ValidRecord) evaluation).values();
    }

    @Test
    void validRecordHoldsOnlyDeclaredFieldsTypedInSchemaOrder() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "id", "type": "integer"},
                 {"name": "price", "type": "number"},
                 {"name": "active", "type": "boolean"},
                 {"name": "since", "type": "date"},
                 {"name": "seen", "type": "datetime"},
                 {"name": "email", "type": "email", "transform": {"case": "lower"}},
                 {"name": "city", "type": "string", "transform": {"mapping": "address.city"}}]
                """,
                        null,
                        FileFormat.JSON,
                        "{\"id\": \"7\", \"price\": \"12.50\", \"active\": \"yes\", \"since\": \"2024-02-29\", \"seen\": \"2024-05-01T10:00:00+02:00\","
                                + " \"email\": \"Ann@Example.COM\", \"address\": {\"city\": \"Lyon\"}, \"extra\": 1}");

        assertThat(values(result.get(0)))
                .containsExactly(
                        7L,
                        new BigDecimal("12.50"),
                        true,
                        LocalDate.of(2024, 2, 29),
                        OffsetDateTime.parse("2024-05-01T10:00:00+02:00"),
                        "ann@example.com",
                        "Lyon");
    }

    @Test
    void eachFailingFieldGivesOneErrorWithTheRawValueAsRead() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "id", "type": "string", "validation": {"required": true, "pattern": "^C[0-9]{3}$"}},
                 {"name": "age", "type": "integer", "validation": {"min": 18, "max": 120}},
                 {"name": "score", "type": "number", "validation": {"min": 0}},
                 {"name": "flag", "type": "boolean", "validation": {"required": true}},
                 {"name": "status", "type": "string", "validation": {"enum": ["a", "b"]}}]
                """,
                        null, FileFormat.CSV, "id,age,score,flag,status\nX1,0,-1,,c\n");

        assertThat(errors(result.get(0)))
                .containsExactly(
                        new FieldError(
                                0,
                                2,
                                "id",
                                ErrorCode.INVALID_FORMAT,
                                "does not match the pattern ^C[0-9]{3}$",
                                "X1"),
                        new FieldError(
                                0, 2, "age", ErrorCode.TOO_SMALL, "must be at least 18", "0"),
                        new FieldError(
                                0, 2, "score", ErrorCode.TOO_SMALL, "must be at least 0", "-1"),
                        new FieldError(0, 2, "flag", ErrorCode.REQUIRED, "is required", ""),
                        new FieldError(
                                0,
                                2,
                                "status",
                                ErrorCode.INVALID_VALUE,
                                "must be one of: a, b",
                                "c"));
    }

    @Test
    void rawValueKeepsEmptyZeroAndFalseAndIsNullForAMissingField() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "a", "type": "string", "validation": {"required": true}},
                 {"name": "b", "type": "string", "validation": {"required": true}},
                 {"name": "n", "type": "integer", "validation": {"min": 1}},
                 {"name": "f", "type": "string", "validation": {"enum": ["x"]}}]
                """,
                        null,
                        FileFormat.JSON,
                        "{\"a\": \"\", \"n\": 0, \"f\": false}");

        assertThat(errors(result.get(0)))
                .extracting(FieldError::rawValue)
                .containsExactly("", null, "0", "false");
    }

    @Test
    void defaultsFillAbsentValuesAndAreConvertedLikeInput() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "status", "type": "string", "validation": {"enum": ["active", "pending"]}, "transform": {"default": "PENDING", "case": "lower"}},
                 {"name": "count", "type": "integer", "transform": {"default": 0}},
                 {"name": "note", "type": "string"}]
                """,
                        null,
                        FileFormat.CSV,
                        "status,count,note\n,,\nACTIVE,5,x\n");

        assertThat(values(result.get(0))).containsExactly("pending", 0L, null);
        assertThat(values(result.get(1))).containsExactly("active", 5L, "x");
    }

    @Test
    void trimAndCaseApplyBeforeValidation() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "code", "type": "string", "validation": {"pattern": "^[A-Z]{3}$", "required": true}, "transform": {"trim": true, "case": "upper"}}]
                """,
                        null, FileFormat.JSON, "{\"code\": \"  abc \"}\n{\"code\": \"   \"}\n");

        assertThat(values(result.get(0))).containsExactly("ABC");
        assertThat(errors(result.get(1)))
                .extracting(FieldError::code, FieldError::rawValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.REQUIRED, "   "));
    }

    @Test
    void lengthBoundsCountCharactersNotBytes() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "name", "type": "string", "validation": {"min": 2, "max": 4}},
                 {"name": "code", "type": "string", "validation": {"minLength": 3}}]
                """,
                        null,
                        FileFormat.CSV,
                        "name,code\n😀😀😀😀,abc\nx,ab\nabcde,abc\n");

        assertThat(values(result.get(0))).containsExactly("😀😀😀😀", "abc");
        assertThat(errors(result.get(1)))
                .extracting(FieldError::code, FieldError::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ErrorCode.TOO_SMALL, "must be at least 2 characters long"),
                        org.assertj.core.groups.Tuple.tuple(
                                ErrorCode.TOO_SMALL, "must be at least 3 characters long"));
        assertThat(errors(result.get(2)))
                .extracting(FieldError::code)
                .containsExactly(ErrorCode.TOO_BIG);
    }

    @Test
    void valueBoundsForNumbersIntegersDatesAndDateTimes() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "n", "type": "number", "validation": {"min": 0.5, "max": 10}},
                 {"name": "i", "type": "integer", "validation": {"min": 0.5, "max": 9.9}},
                 {"name": "d", "type": "date", "validation": {"min": "2024-01-01", "max": "2024-12-31"}},
                 {"name": "t", "type": "datetime", "validation": {"max": "2024-06-01T00:00:00Z"}}]
                """,
                        null,
                        FileFormat.CSV,
                        "n,i,d,t\n0.5,1,2024-01-01,2024-06-01T02:00:00+02:00\n10.01,0,2023-12-31,2024-06-01T00:00:01Z\n0.4,10,2025-01-01,2024-06-01T00:00:00\n");

        assertThat(values(result.get(0))).hasSize(4);
        assertThat(errors(result.get(1)))
                .extracting(FieldError::code)
                .containsExactly(
                        ErrorCode.TOO_BIG,
                        ErrorCode.TOO_SMALL,
                        ErrorCode.TOO_SMALL,
                        ErrorCode.TOO_BIG);
        assertThat(errors(result.get(2)))
                .extracting(FieldError::message)
                .containsExactly(
                        "must be at least 0.5",
                        "must be at most 9.9",
                        "must be at most 2024-12-31");
    }

    @Test
    void patternMatchesAnywhereUnlessAnchoredAndCannotBeMadeToBacktrack() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "a", "type": "string", "validation": {"pattern": "[0-9]+"}},
                 {"name": "b", "type": "string", "validation": {"pattern": "^(a+)+$"}}]
                """,
                        null,
                        FileFormat.CSV,
                        "a,b\nabc123,aaaa\nabc," + "a".repeat(50_000) + "!\n");

        assertThat(values(result.get(0))).containsExactly("abc123", "aaaa");
        assertThat(errors(result.get(1))).extracting(FieldError::field).containsExactly("a", "b");
    }

    @Test
    void enumComparesTypedValues() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "n", "type": "number", "validation": {"enum": [1.5, 2]}},
                 {"name": "s", "type": "string", "validation": {"enum": ["Active"]}}]
                """,
                        null,
                        FileFormat.CSV,
                        "n,s\n1.50,Active\n2.0,active\n");

        assertThat(values(result.get(0))).containsExactly(new BigDecimal("1.50"), "Active");
        assertThat(errors(result.get(1))).extracting(FieldError::field).containsExactly("s");
    }

    @Test
    void requireAtLeastOneIsSatisfiedByAnyPresentField() throws Exception {
        List<Evaluation> result =
                evaluate(
                        """
                [{"name": "email", "type": "email"}, {"name": "phone", "type": "string"}]
                """,
                        "{\"requireAtLeastOne\": [\"email\", \"phone\"]}",
                        FileFormat.CSV,
                        "email,phone\n,123\n,\nbad,\n");

        assertThat(values(result.get(0))).containsExactly(null, "123");
        assertThat(errors(result.get(1)))
                .containsExactly(
                        new FieldError(
                                1,
                                3,
                                "email|phone",
                                ErrorCode.RULE_VIOLATION,
                                "at least one of email, phone is required",
                                null));
        assertThat(errors(result.get(2)))
                .extracting(FieldError::code)
                .containsExactly(ErrorCode.INVALID_FORMAT);
    }

    @Test
    void extraFieldsAreRejectedOnlyWhenTheSchemaSaysSo() throws Exception {
        String fields =
                "[{\"name\": \"id\", \"type\": \"integer\"}, {\"name\": \"city\", \"type\": \"string\", \"transform\": {\"mapping\": \"address.city\"}}]";
        String content =
                "{\"id\": 1, \"address\": {\"city\": \"Lyon\", \"zip\": \"69001\"}, \"note\": \"x\"}";

        assertThat(values(evaluate(fields, null, FileFormat.JSON, content).get(0)))
                .containsExactly(1L, "Lyon");
        assertThat(
                        errors(
                                evaluate(
                                                fields,
                                                "{\"allowExtraFields\": false}",
                                                FileFormat.JSON,
                                                content)
                                        .get(0)))
                .extracting(FieldError::field, FieldError::code, FieldError::rawValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "address.zip", ErrorCode.RULE_VIOLATION, "69001"),
                        org.assertj.core.groups.Tuple.tuple("note", ErrorCode.RULE_VIOLATION, "x"));
    }

    @Test
    void malformedRecordGivesOneRecordLevelError() throws Exception {
        List<Evaluation> result =
                evaluate(
                        "[{\"name\": \"a\", \"type\": \"string\"}]",
                        null,
                        FileFormat.CSV,
                        "a,b\n1,2,3\n");

        assertThat(errors(result.get(0)))
                .containsExactly(
                        new FieldError(
                                0,
                                2,
                                null,
                                ErrorCode.MALFORMED_RECORD,
                                "expected 2 columns, found 3",
                                "1,2,3"));
    }

    @Test
    void arraysAndObjectsAreNotScalars() throws Exception {
        List<Evaluation> result =
                evaluate(
                        "[{\"name\": \"tags\", \"type\": \"string\"}, {\"name\": \"address\", \"type\": \"string\"}]",
                        null,
                        FileFormat.JSON,
                        "{\"tags\": [\"a\", \"b\"], \"address\": {\"city\": \"Lyon\"}}");

        assertThat(errors(result.get(0)))
                .extracting(FieldError::message, FieldError::rawValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "expected a string, found an array", "[\"a\",\"b\"]"),
                        org.assertj.core.groups.Tuple.tuple(
                                "expected a string, found an object", "{\"city\":\"Lyon\"}"));
    }
}
