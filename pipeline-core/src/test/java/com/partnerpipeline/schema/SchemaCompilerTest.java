package com.partnerpipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaCompilerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CompiledSchema compile(String fields, String rules) throws Exception {
        return new SchemaCompiler(SchemaLimits.DEFAULTS)
                .compile(JSON.readTree(fields), rules == null ? null : JSON.readTree(rules));
    }

    private static void assertRefused(String fields, String rules, String message) {
        assertThatThrownBy(() -> compile(fields, rules))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessage(message);
    }

    @Test
    void compilesTheSampleSchema() throws Exception {
        CompiledSchema schema =
                SchemaFile.read(Path.of("../sample-data/customers.schema.json"))
                        .compile(SchemaLimits.DEFAULTS);

        assertThat(schema.fieldNames())
                .containsExactly(
                        "customer_id",
                        "full_name",
                        "email",
                        "phone",
                        "age",
                        "signup_date",
                        "status",
                        "website",
                        "newsletter",
                        "city");
        assertThat(schema.fields().get(2).type()).isEqualTo(FieldType.EMAIL);
        assertThat(schema.fields().get(1).transformer().source().path()).isEqualTo("name");
        assertThat(schema.thresholds().maxErrorRate()).isEqualTo(0.5);
        assertThat(schema.rules()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"name\": \"a\", \"type\": \"strng\"}]|field 'a': type 'strng' is not a known type (one of string, number, integer, boolean, date, datetime, email, url)",
                "[{\"name\": \"a\"}]|field 'a': type is required (one of string, number, integer, boolean, date, datetime, email, url)",
                "[{\"type\": \"string\"}]|field 1: name must be a non-empty string",
                "[{\"name\": \"a\", \"type\": \"string\", \"validation\": {\"pattern\": \"[a-\"}}]|field 'a': validation: pattern '[a-' is not a valid regular expression: missing closing ]",
                "[{\"name\": \"a\", \"type\": \"string\", \"validation\": {\"pattern\": \"(a)\\\\1\"}}]|field 'a': validation: pattern '(a)\\1' is not a valid regular expression: invalid escape sequence",
                "[{\"name\": \"a\", \"type\": \"integer\", \"validation\": {\"min\": 10, \"max\": 5}}]|field 'a': validation: min (10) is greater than max (5)",
                "[{\"name\": \"a\", \"type\": \"string\", \"validation\": {\"minLength\": 10, \"maxLength\": 5}}]|field 'a': validation: minLength (10) is greater than maxLength (5)",
                "[{\"name\": \"a\", \"type\": \"date\", \"validation\": {\"min\": \"2024-12-31\", \"max\": \"2024-01-01\"}}]|field 'a': validation: min (2024-12-31) is greater than max (2024-01-01)",
                "[{\"name\": \"a\", \"type\": \"date\", \"validation\": {\"min\": \"yesterday\"}}]|field 'a': validation: min must be a date written as text, e.g. \"2024-01-31\"",
                "[{\"name\": \"a\", \"type\": \"string\", \"validation\": {\"maxLength\": -1}}]|field 'a': validation: maxLength must be a whole number of at least 0",
                "[{\"name\": \"a\", \"type\": \"boolean\", \"validation\": {\"min\": 1}}]|field 'a': validation: min and max do not apply to boolean fields",
                "[{\"name\": \"a\", \"type\": \"string\", \"validation\": {\"requird\": true}}]|field 'a': validation: unknown key 'requird' (allowed: enum, format, max, maxLength, min, minLength, pattern, required, type)",
                "[{\"name\": \"a\", \"type\": \"string\", \"transform\": {\"case\": \"title\"}}]|field 'a': transform: case must be \"lower\" or \"upper\"",
                "[{\"name\": \"a\", \"type\": \"integer\", \"transform\": {\"default\": \"many\"}}]|field 'a': transform: default (\"many\") is itself invalid: not a valid integer",
                "[{\"name\": \"a\", \"type\": \"string\", \"validation\": {\"enum\": [\"x\"]}, \"transform\": {\"default\": \"y\"}}]|field 'a': transform: default (\"y\") is itself invalid: must be one of: x",
                "[{\"name\": \"a\", \"type\": \"integer\", \"validation\": {\"enum\": [1, \"two\"]}}]|field 'a': validation: enum value \"two\" is not a valid integer",
                "[{\"name\": \"a\", \"type\": \"string\", \"validation\": {\"enum\": []}}]|field 'a': validation: enum must be a non-empty array",
                "[{\"name\": \"a\", \"type\": \"string\", \"format\": \"dd/MM\"}]|field 'a': format applies only to date and datetime fields",
                "[{\"name\": \"a\", \"type\": \"date\", \"format\": \"dd/MM/yyyy qqqqqq\"}]|field 'a': format 'dd/MM/yyyy qqqqqq' is not a valid date pattern: Too many pattern letters: q",
                "[{\"name\": \"a\", \"type\": \"number\", \"validation\": {\"type\": \"date\"}}]|field 'a': validation: type 'date' conflicts with the field's type 'number'",
                "[{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"a\", \"type\": \"string\"}]|field 'a' is declared twice",
                "[]|fields must be a non-empty JSON array",
                "{}|fields must be a non-empty JSON array",
            })
    void refusesInvalidFieldsNamingTheFieldAndTheProblem(String fields, String message) {
        assertRefused(fields, null, message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"requireAtLeastOne\": [\"a\", \"zz\"]}|validation_rules: requireAtLeastOne names 'zz', which is not a field of the schema",
                "{\"requireAtLeastOne\": []}|validation_rules: requireAtLeastOne must be a non-empty array of field names",
                "{\"maxErrorRate\": 1.5}|validation_rules: maxErrorRate must be a fraction between 0 and 1",
                "{\"maxErrors\": -1}|validation_rules: maxErrors must be a whole number of at least 0",
                "{\"maxErrors\": 2.5}|validation_rules: maxErrors must be a whole number of at least 0",
                "{\"allowExtraFields\": \"no\"}|validation_rules: allowExtraFields must be true or false",
                "{\"maxError\": 3}|validation_rules: unknown key 'maxError' (allowed: allowExtraFields, maxErrorRate, maxErrors, minRecordsForErrorRate, requireAtLeastOne)",
                "[1]|validation_rules must be a JSON object",
            })
    void refusesInvalidRules(String rules, String message) {
        assertRefused("[{\"name\": \"a\", \"type\": \"string\"}]", rules, message);
    }

    @Test
    void readsThresholdsFromTheRules() throws Exception {
        CompiledSchema schema =
                compile(
                        "[{\"name\": \"a\", \"type\": \"string\"}]",
                        "{\"maxErrors\": 10, \"maxErrorRate\": 0.05, \"minRecordsForErrorRate\": 500}");

        assertThat(schema.thresholds().maxErrors()).isEqualTo(10);
        assertThat(schema.thresholds().maxErrorRate()).isEqualTo(0.05);
        assertThat(schema.thresholds().minRecordsForErrorRate()).isEqualTo(500);
    }

    @Test
    void schemaFileMayBeABareFieldsArrayAndAcceptsCamelCaseRules(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bare = dir.resolve("bare.json");
        Files.writeString(bare, "[{\"name\": \"a\", \"type\": \"string\"}]");
        Path camel = dir.resolve("camel.json");
        Files.writeString(
                camel,
                "{\"name\": \"s\", \"version\": 3, \"fields\": [{\"name\": \"a\", \"type\": \"string\"}], \"validationRules\": {\"maxErrors\": 1}}");

        assertThat(SchemaFile.read(bare).compile(SchemaLimits.DEFAULTS).fieldNames())
                .containsExactly("a");
        SchemaFile file = SchemaFile.read(camel);
        assertThat(file.name()).isEqualTo("s");
        assertThat(file.version()).isEqualTo(3);
        assertThat(file.compile(SchemaLimits.DEFAULTS).thresholds().maxErrors()).isEqualTo(1);
    }

    @Test
    void schemaFileProblemsAreNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"fields\": [\n{\"name\": }]}");

        assertThatThrownBy(() -> SchemaFile.read(dir.resolve("missing.json")))
                .hasMessage("schema file " + dir.resolve("missing.json") + " does not exist");
        assertThatThrownBy(() -> SchemaFile.read(broken))
                .hasMessageStartingWith("schema file " + broken + " is not valid JSON: ")
                .hasMessageContaining("(line 2, column");
    }
}
