package com.partnerpipeline.schema;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.formats.FuzzTime;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the schema compiler with Jazzer: whatever JSON arrives, it compiles or
 * is refused with {@link InvalidSchemaException} (see {@link SchemaInvariants}). Inputs that are
 * not JSON end at the parser, as they do in the API, before any schema code runs. Seeds and
 * findings: {@code SchemaCompilerFuzzTestInputs/}.
 */
class SchemaCompilerFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = FuzzTime.PER_TARGET)
    @DictionaryEntries({
        "{\"fields\": [",
        "\"name\": ",
        "\"type\": ",
        "\"string\"",
        "\"integer\"",
        "\"number\"",
        "\"boolean\"",
        "\"date\"",
        "\"datetime\"",
        "\"email\"",
        "\"url\"",
        "\"validation\": {",
        "\"transform\": {",
        "\"required\": true",
        "\"min\": ",
        "\"max\": ",
        "\"minLength\": ",
        "\"maxLength\": ",
        "\"pattern\": ",
        "\"enum\": [",
        "\"format\": ",
        "\"mapping\": ",
        "\"default\": ",
        "\"trim\": ",
        "\"case\": ",
        "\"lower\"",
        "\"upper\"",
        "\"validation_rules\": {",
        "\"validationRules\"",
        "\"requireAtLeastOne\": [",
        "\"maxErrors\": ",
        "\"maxErrorRate\": ",
        "\"minRecordsForErrorRate\": ",
        "\"allowExtraFields\": ",
        "1e999",
        "-1e-999",
        "9223372036854775808",
        "\"yyyy-MM-dd\"",
        "\"dd/MM/uuuu HH:mm\"",
        "\"(a{1000}){1000}\"",
        "\"[\\\\p{L}]+\"",
        "\"a.b.c\"",
        "\"2024-02-30\""
    })
    void schemaCompiler(byte[] input) {
        JsonNode document;
        try {
            document = JSON.readTree(input);
        } catch (
                IOException e) { // not JSON, or not in any Unicode encoding (Jackson guesses UTF-32
            // from some bytes)
            return;
        }
        SchemaInvariants.compile(document);
    }
}
