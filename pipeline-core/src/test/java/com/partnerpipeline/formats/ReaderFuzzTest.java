package com.partnerpipeline.formats;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.partnerpipeline.formats.ReaderInvariants.Format;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the four readers with Jazzer, under limits small enough for short
 * inputs to reach every one of them. A finding is any exception other than {@link
 * UnreadableFileException} or a broken promise of {@link ReaderInvariants}.
 *
 * <p>Dictionary entries hold no line break or tab: Jazzer 0.24 writes those unescaped into
 * libFuzzer's dictionary file, which then fails to parse. The seeds have plenty of them.
 *
 * <p>The normal build replays the inputs under {@code
 * src/test/resources/com/partnerpipeline/formats/ReaderFuzzTestInputs/} (seeds and every finding
 * kept as a regression input) in a second or so. {@code JAZZER_FUZZ=1} fuzzes one target for
 * {@value FuzzTime#PER_TARGET}; {@code bench/fuzz.sh} fuzzes each for as long as asked. See README,
 * Development.
 */
class ReaderFuzzTest {
    @FuzzTest(maxDuration = FuzzTime.PER_TARGET)
    @DictionaryEntries({
        "\"", "\"\"", ",", "\uFEFF", "\u0000", "\u0001", "id,name", "\"a,b\"", "\"\" x"
    })
    void csv(byte[] input) throws IOException {
        ReaderInvariants.read(Format.CSV, input, ReaderInvariants.SMALL);
    }

    @FuzzTest(maxDuration = FuzzTime.PER_TARGET)
    @DictionaryEntries({
        "[",
        "]",
        "{",
        "}",
        "\"a\":",
        ",",
        "true",
        "false",
        "null",
        "1e999999999",
        "-0.5e-3",
        "\\u0000",
        "\\ud800",
        "\uFEFF",
        "[{\"id\": 1}]"
    })
    void json(byte[] input) throws IOException {
        ReaderInvariants.read(Format.JSON, input, ReaderInvariants.SMALL);
    }

    @FuzzTest(maxDuration = FuzzTime.PER_TARGET)
    @DictionaryEntries({
        "{",
        "}",
        "[",
        "]",
        "\"a\":",
        ",",
        "true",
        "null",
        "1e9999999999",
        "\\u0000",
        "\uFEFF",
        "{\"id\": 1}"
    })
    void jsonLines(byte[] input) throws IOException {
        ReaderInvariants.read(Format.JSON_LINES, input, ReaderInvariants.SMALL);
    }

    @FuzzTest(maxDuration = FuzzTime.PER_TARGET)
    @DictionaryEntries({
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE r [",
        "<!ENTITY e SYSTEM \"file:///etc/passwd\">",
        "<!ENTITY % p SYSTEM \"http://127.0.0.1:9/\">",
        "%p;",
        "&e;",
        "&amp;",
        "&#x0;",
        "&#65;",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<?pi x?>",
        "<r>",
        "</r>",
        "<a b=\"c\">",
        "</a>",
        "<a/>",
        "xmlns:x=\"u\"",
        "\uFEFF"
    })
    void xml(byte[] input) throws IOException {
        ReaderInvariants.read(Format.XML, input, ReaderInvariants.SMALL);
    }
}
