package com.partnerpipeline.processing.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The offline run on the shipped sample data, the way partners run it. */
class OfflineProcessingTest {
    private static final Path SAMPLES = Path.of("../sample-data");
    private static final Path SCHEMA = SAMPLES.resolve("customers.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(OfflineRequest request, boolean json) {
        return new OfflineProcessing(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false,
                        json)
                .run(request);
    }

    private OfflineRequest request(Path input, Path schema) {
        return new OfflineRequest(
                input,
                schema,
                dir.resolve("valid.ndjson"),
                dir.resolve("errors.csv"),
                dir.resolve("rejects.out"),
                100);
    }

    private JsonNode summary() throws Exception {
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers.csv", "customers.json", "customers.jsonl", "customers.xml"})
    void sampleFilesGiveTheSameKnownResultInEveryFormat(String file) throws Exception {
        int exitCode = run(request(SAMPLES.resolve(file), SCHEMA), true);

        assertThat(exitCode).isEqualTo(ExitCodes.SOME_REJECTED);
        JsonNode summary = summary();
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(summary.get("records").asLong()).isEqualTo(1000);
        assertThat(summary.get("valid").asLong()).isEqualTo(900);
        assertThat(summary.get("rejected").asLong()).isEqualTo(100);
        assertThat(summary.get("errors").asLong()).isEqualTo(100);
        assertThat(summary.get("bytes").asLong()).isEqualTo(Files.size(SAMPLES.resolve(file)));

        List<String> valid = Files.readAllLines(dir.resolve("valid.ndjson"));
        assertThat(valid).hasSize(900);
        JsonNode first = JSON.readTree(valid.get(0));
        assertThat(first.get("customer_id").asText()).isEqualTo("CUST-000000");
        assertThat(first.get("full_name").asText()).isEqualTo("Anna Smith");
        assertThat(first.get("age").isIntegralNumber()).isTrue();
        assertThat(first.get("age").asLong()).isEqualTo(18);
        assertThat(first.get("newsletter").isBoolean()).isTrue();
        assertThat(first.get("signup_date").asText()).isEqualTo("2000-01-01");
        assertThat(first.get("city").asText()).isEqualTo("Berlin");
        assertThat(first.size()).isEqualTo(10);

        List<String> errors = Files.readAllLines(dir.resolve("errors.csv"));
        assertThat(errors.get(0))
                .isEqualTo("record_index,line_number,field,code,message,raw_value");
        assertThat(errors).hasSize(101);
        Map<String, Long> byCode =
                errors.stream()
                        .skip(1)
                        .map(line -> line.split(",")[3])
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byCode)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "invalid_format",
                                30L,
                                "too_big",
                                10L,
                                "invalid_type",
                                30L,
                                "invalid_value",
                                10L,
                                "required",
                                10L,
                                "rule_violation",
                                10L));
        assertThat(errors.get(1))
                .startsWith("5,")
                .endsWith(",email,invalid_format,not a valid email address,not-an-email");
    }

    @Test
    void csvRejectsHoldTheRowsAsTheyWereWithTheirErrors() throws Exception {
        run(request(SAMPLES.resolve("customers.csv"), SCHEMA), false);

        List<String> rejects = Files.readAllLines(dir.resolve("rejects.out"));
        List<String> input = Files.readAllLines(SAMPLES.resolve("customers.csv"));
        assertThat(rejects).hasSize(101);
        assertThat(rejects.get(0)).isEqualTo(input.get(0) + ",_errors");
        assertThat(rejects.get(1))
                .isEqualTo(input.get(6) + ",email: invalid_format (not a valid email address)");
        assertThat(rejects.get(8))
                .isEqualTo(
                        input.get(76)
                                + ",\"email|phone: rule_violation (at least one of email, phone is required)\"");
    }

    @Test
    void jsonRejectsHoldTheRecordsAsReadWithTheirErrors() throws Exception {
        run(request(SAMPLES.resolve("customers.json"), SCHEMA), false);

        List<String> rejects = Files.readAllLines(dir.resolve("rejects.out"));
        assertThat(rejects).hasSize(100);
        JsonNode first = JSON.readTree(rejects.get(0));
        assertThat(first.get("customer_id").asText()).isEqualTo("CUST-000005");
        assertThat(first.get("address").get("city").asText()).isEqualTo("Berlin");
        assertThat(first.get("_errors").get(0).get("field").asText()).isEqualTo("email");
        assertThat(first.get("_errors").get(0).get("rawValue").asText()).isEqualTo("not-an-email");
    }

    @Test
    void allValidFileExitsZeroAndPrintsAReadableSummary() throws Exception {
        Path input = dir.resolve("ok.csv");
        Files.writeString(
                input,
                "customer_id,name,email,signup_date,address.city\nCUST-000001,Ann Lee,ann@example.com,2024-01-01,Lyon\n");

        int exitCode = run(new OfflineRequest(input, SCHEMA, null, null, null, 100), false);

        assertThat(exitCode).isEqualTo(ExitCodes.ALL_VALID);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("ok.csv: COMPLETED\n")
                .contains("  records   1\n", "  valid     1\n", "  rejected  0 (0 field errors)\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void unreadableFileExitsTwoAndSaysWhereItBroke() throws Exception {
        Path input = dir.resolve("broken.json");
        Files.writeString(
                input,
                "[{\"customer_id\": \"CUST-000001\", \"name\": \"Ann\", \"email\": \"a@example.com\", \"signup_date\": \"2024-01-01\"},\n{\"customer_id\": ");

        int exitCode = run(request(input, SCHEMA), true);

        assertThat(exitCode).isEqualTo(ExitCodes.NOT_PROCESSED);
        JsonNode summary = summary();
        assertThat(summary.get("status").asText()).isEqualTo("FAILED");
        assertThat(summary.get("valid").asLong()).isEqualTo(1);
        assertThat(summary.get("message").asText())
                .startsWith("cannot read the file at record 1 (line 2, column");
        assertThat(Files.readAllLines(dir.resolve("valid.ndjson"))).hasSize(1);
    }

    @Test
    void csvHeaderOverTheColumnLimitFailsWithAMessageWrittenForThePartner() throws Exception {
        Path input = dir.resolve("wide.csv");
        Files.writeString(
                input,
                IntStream.range(0, 100_000).mapToObj(i -> "c" + i).collect(Collectors.joining(","))
                        + "\nx\n");

        int exitCode = run(request(input, SCHEMA), false);

        assertThat(exitCode).isEqualTo(ExitCodes.NOT_PROCESSED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith(
                        "wide.csv: FAILED - cannot read the file at record 0 "
                                + "(line 1): the header row has more than 10000 columns (processing.maxFields)\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static final String FORMULAS_SCHEMA =
            """
            {"fields": [{"name": "id", "type": "integer"}, {"name": "v", "type": "integer"},
                        {"name": "age", "type": "integer", "validation": {"min": 0}}],
             "validation_rules": {"allowExtraFields": false}}
            """;

    @Test
    void errorsFileNeutralisesSpreadsheetFormulasInEveryCellThePartnerSupplied() throws Exception {
        Path schema = Files.writeString(dir.resolve("formulas.json"), FORMULAS_SCHEMA);
        Path input =
                Files.writeString(
                        dir.resolve("formulas.jsonl"),
                        """
                {"id": 1, "v": "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"}
                {"id": 2, "v": "+cmd|' /C calc'!A0"}
                {"id": 3, "v": "-2+3"}
                {"id": 4, "v": "@SUM(1+1)"}
                {"id": 5, "v": "\\t=1+1"}
                {"id": 6, "v": "\\r=1+1"}
                {"id": 7, "v": "safe ' = text"}
                {"id": 8, "=cmd": 1}
                {"id": 9, "age": -5}
                """);

        run(request(input, schema), false);

        assertThat(Files.readString(dir.resolve("errors.csv")))
                .isEqualTo(
                        """
                record_index,line_number,field,code,message,raw_value
                0,1,v,invalid_type,not a valid integer,"'=HYPERLINK(""http://evil.example"",""click"")"
                1,2,v,invalid_type,not a valid integer,'+cmd|' /C calc'!A0
                2,3,v,invalid_type,not a valid integer,'-2+3
                3,4,v,invalid_type,not a valid integer,'@SUM(1+1)
                4,5,v,invalid_type,not a valid integer,'\t=1+1
                5,6,v,invalid_type,not a valid integer,"'\r=1+1"
                6,7,v,invalid_type,not a valid integer,safe ' = text
                7,8,'=cmd,rule_violation,unexpected field (the schema does not allow extra fields),1
                8,9,age,too_small,must be at least 0,'-5
                """);
    }

    @Test
    void csvRejectsKeepThePartnersRowsAsTheyWereAndNeutraliseOnlyTheErrorsColumn()
            throws Exception {
        Path schema = Files.writeString(dir.resolve("formulas.json"), FORMULAS_SCHEMA);
        Path input =
                Files.writeString(
                        dir.resolve("formulas.csv"),
                        """
                id,v,=cmd
                1,=HYPERLINK("http://evil.example"),
                2,3,@SUM(1+1)
                """);

        run(request(input, schema), false);

        assertThat(Files.readString(dir.resolve("rejects.out")))
                .isEqualTo(
                        """
                id,v,=cmd,_errors
                1,=HYPERLINK("http://evil.example"),,v: invalid_type (not a valid integer); =cmd: rule_violation \
                (unexpected field (the schema does not allow extra fields))
                2,3,@SUM(1+1),'=cmd: rule_violation (unexpected field (the schema does not allow extra fields))
                """);
    }

    @Test
    void exceededThresholdExitsTwo() throws Exception {
        Path schema = dir.resolve("strict.json");
        Files.writeString(
                schema,
                Files.readString(SCHEMA).replace("\"maxErrorRate\": 0.5", "\"maxErrors\": 5"));

        int exitCode = run(request(SAMPLES.resolve("customers.csv"), schema), true);

        assertThat(exitCode).isEqualTo(ExitCodes.NOT_PROCESSED);
        assertThat(summary().get("message").asText())
                .isEqualTo("error threshold exceeded: more than 5 records rejected (maxErrors)");
        assertThat(summary().get("rejected").asLong()).isEqualTo(6);
    }

    @Test
    void invalidSchemaExitsTwoNamingTheField() throws Exception {
        Path schema = dir.resolve("bad.json");
        Files.writeString(
                schema,
                "{\"fields\": [{\"name\": \"age\", \"type\": \"integer\", \"validation\": {\"min\": 9, \"max\": 1}}]}");

        int exitCode = run(request(SAMPLES.resolve("customers.csv"), schema), false);

        assertThat(exitCode).isEqualTo(ExitCodes.NOT_PROCESSED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "error: invalid schema: field 'age': validation: min (9) is greater than max (1)\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void missingInputAndMisnamedInputExitTwoWithAClearMessage() throws Exception {
        Path misnamed = dir.resolve("data.csv");
        Files.writeString(misnamed, "{\"id\": 1}\n");

        assertThat(run(request(dir.resolve("nope.csv"), SCHEMA), false))
                .isEqualTo(ExitCodes.NOT_PROCESSED);
        assertThat(run(request(misnamed, SCHEMA), false)).isEqualTo(ExitCodes.NOT_PROCESSED);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "error: input file "
                                + dir.resolve("nope.csv")
                                + " does not exist\n"
                                + "error: data.csv is named as CSV but its content does not look like CSV\n");
    }

    @Test
    void formatIsTakenFromContentWhenTheNameSaysNothing() throws Exception {
        Path input = dir.resolve("export.txt");
        Files.copy(SAMPLES.resolve("customers.xml"), input);

        assertThat(OfflineProcessing.detectFormat(input))
                .isEqualTo(com.partnerpipeline.formats.FileFormat.XML);
        assertThat(run(request(input, SCHEMA), true)).isEqualTo(ExitCodes.SOME_REJECTED);
        assertThat(summary().get("format").asText()).isEqualTo("xml");
    }

    @Test
    void unwritableOutputExitsTwo() {
        OfflineRequest request =
                new OfflineRequest(
                        SAMPLES.resolve("customers.csv"),
                        SCHEMA,
                        dir.resolve("no/such/dir/valid.ndjson"),
                        null,
                        null,
                        100);

        assertThat(run(request, false)).isEqualTo(ExitCodes.NOT_PROCESSED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "error: cannot write output: "
                                + dir.resolve("no/such/dir/valid.ndjson")
                                + " (no such file or directory)\n");
    }

    @Test
    void hugeExponentsAndNumbersTheDatabaseCannotStoreAreRejectedRecords() throws Exception {
        Path schema = dir.resolve("numbers.json");
        Files.writeString(
                schema,
                """
                {"fields": [{"name": "name", "type": "string"}, {"name": "flag", "type": "boolean"},
                            {"name": "price", "type": "number"}]}
                """);
        Path input = dir.resolve("hostile.jsonl");
        Files.writeString(
                input,
                """
                {"name":1e999999999}
                {"name":1e-999999999}
                {"flag":1e999999999}
                {"price":1e1000000}
                {"name":12345,"flag":1,"price":1.5e3}
                """);

        int exitCode = run(request(input, schema), true);

        assertThat(exitCode).isEqualTo(ExitCodes.SOME_REJECTED);
        JsonNode summary = summary();
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(summary.get("valid").asLong()).isEqualTo(1);
        assertThat(summary.get("rejected").asLong()).isEqualTo(4);
        assertThat(Files.readAllLines(dir.resolve("valid.ndjson")))
                .containsExactly("{\"name\":\"12345\",\"flag\":true,\"price\":1.5E+3}");
        assertThat(Files.readAllLines(dir.resolve("errors.csv")))
                .extracting(line -> line.split(",")[3])
                .containsExactly(
                        "code",
                        "number_out_of_range",
                        "number_out_of_range",
                        "invalid_type",
                        "number_out_of_range");
    }
}
