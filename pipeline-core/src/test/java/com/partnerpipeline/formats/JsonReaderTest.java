package com.partnerpipeline.formats;

import static com.partnerpipeline.formats.Records.readAll;
import static com.partnerpipeline.formats.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsTopLevelArrayOfObjectsKeepingJsonTypes() throws Exception {
        List<ReadItem> items =
                readAll(
                        FileFormat.JSON,
                        """
                [
                  {"id": 1, "price": 12.50, "big": 123456789012345678901, "active": true, "note": null, "name": "Ann"},
                  {"id": 2, "tags": ["a", "b"], "name": ""}
                ]
                """);

        assertThat(items).hasSize(2);
        assertThat(value(items.get(0), "id")).isEqualTo(1);
        assertThat(value(items.get(0), "price")).isEqualTo(new BigDecimal("12.50"));
        assertThat(value(items.get(0), "big")).isEqualTo(new BigInteger("123456789012345678901"));
        assertThat(value(items.get(0), "active")).isEqualTo(true);
        assertThat(value(items.get(0), "note")).isNull();
        assertThat(value(items.get(1), "tags")).isEqualTo(List.of("a", "b"));
        assertThat(value(items.get(1), "name")).isEqualTo("");
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(2L, 3L);
    }

    @Test
    void readsJsonLinesDetectedFromContent() throws Exception {
        List<ReadItem> items =
                readAll(FileFormat.JSON, "\n  {\"id\": 1}\n{\"id\": 2}\n\n{\"id\": 3}");

        assertThat(items).extracting(item -> value(item, "id")).containsExactly(1, 2, 3);
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(2L, 3L, 5L);
        assertThat(items).extracting(ReadItem::index).containsExactly(0L, 1L, 2L);
    }

    @Test
    void reachesNestedFieldsByDottedPath() throws Exception {
        List<ReadItem> items =
                readAll(
                        FileFormat.JSON,
                        "[{\"address\": {\"city\": \"Lyon\", \"geo\": {\"lat\": 45.75}}, \"a.b\": \"literal key\"}]");

        assertThat(value(items.get(0), "address.city")).isEqualTo("Lyon");
        assertThat(value(items.get(0), "address.geo.lat")).isEqualTo(new BigDecimal("45.75"));
        assertThat(value(items.get(0), "address.zip")).isNull();
        assertThat(value(items.get(0), "a.b")).isEqualTo("literal key");
        assertThat(value(items.get(0), "address")).isInstanceOf(Map.class);
    }

    @Test
    void listsLeafFieldsByPath() throws Exception {
        List<ReadItem> items =
                readAll(FileFormat.JSON, "{\"id\": 1, \"address\": {\"city\": \"Lyon\"}}");
        StringBuilder paths = new StringBuilder();

        ((SourceRecord) items.get(0))
                .forEachField(
                        (path, value) -> paths.append(path).append('=').append(value).append(' '));

        assertThat(paths.toString().trim()).isEqualTo("id=1 address.city=Lyon");
    }

    @Test
    void nonObjectArrayElementIsMalformedAndReadingGoesOn() throws Exception {
        List<ReadItem> items = readAll(FileFormat.JSON, "[{\"id\": 1}, 42, [1, 2], {\"id\": 4}]");

        assertThat(items).hasSize(4);
        assertThat(items.get(1))
                .isEqualTo(
                        new MalformedRecord(1, 1, "expected a JSON object, found a number", "42"));
        assertThat(((MalformedRecord) items.get(2)).reason())
                .isEqualTo("expected a JSON object, found an array");
        assertThat(value(items.get(3), "id")).isEqualTo(4);
    }

    @Test
    void brokenJsonLineIsMalformedAndReadingGoesOn() throws Exception {
        List<ReadItem> items =
                readAll(
                        FileFormat.JSON,
                        "{\"id\": 1}\n{\"id\": 2,,}\n[1]\n{\"id\": 4} {\"id\": 5}\n{\"id\": 6}\n");

        assertThat(items).hasSize(5);
        MalformedRecord broken = (MalformedRecord) items.get(1);
        assertThat(broken.reason()).startsWith("invalid JSON: ").contains("column");
        assertThat(broken.rawText()).isEqualTo("{\"id\": 2,,}");
        assertThat(broken.lineNumber()).isEqualTo(2);
        assertThat(((MalformedRecord) items.get(2)).reason())
                .isEqualTo("expected a JSON object, found an array");
        assertThat(((MalformedRecord) items.get(3)).reason())
                .isEqualTo("more than one JSON value on the line");
        assertThat(value(items.get(4), "id")).isEqualTo(6);
    }

    @Test
    void truncatedArrayStopsTheFileAfterTheRecordsBeforeIt() throws Exception {
        byte[] content =
                "[\n{\"id\": 1},\n{\"id\": 2},\n{\"id\": 3, \"name\": \"Cy"
                        .getBytes(StandardCharsets.UTF_8);

        Records.Failure failure = Records.readUntilFailure(FileFormat.JSON, content);

        assertThat(failure.before()).extracting(item -> value(item, "id")).containsExactly(1, 2);
        assertThat(failure.error().recordIndex()).isEqualTo(2);
        assertThat(failure.error().line()).isEqualTo(4);
        assertThat(failure.error().reason()).startsWith("unexpected end of file (truncated JSON)");
    }

    @Test
    void arrayThatIsNeverClosedStopsTheFile() throws Exception {
        Records.Failure failure =
                Records.readUntilFailure(
                        FileFormat.JSON, "[{\"id\": 1}".getBytes(StandardCharsets.UTF_8));

        assertThat(failure.before()).hasSize(1);
        assertThat(failure.error().reason()).contains("truncated JSON");
    }

    @Test
    void syntaxErrorInArrayStopsTheFileNamingLineAndColumn() throws Exception {
        Records.Failure failure =
                Records.readUntilFailure(
                        FileFormat.JSON,
                        "[{\"id\": 1},\n {\"id\": 2 \"x\": 3}]".getBytes(StandardCharsets.UTF_8));

        assertThat(failure.before()).hasSize(1);
        assertThat(failure.error().line()).isEqualTo(2);
        assertThat(failure.error().column()).isGreaterThan(1);
        assertThat(failure.error().getMessage())
                .startsWith("cannot read the file at record 1 (line 2, column ");
    }

    @Test
    void contentAfterTheArrayStopsTheFile() throws Exception {
        Records.Failure failure =
                Records.readUntilFailure(
                        FileFormat.JSON,
                        "[{\"id\": 1}] {\"id\": 2}".getBytes(StandardCharsets.UTF_8));

        assertThat(failure.before()).hasSize(1);
        assertThat(failure.error().reason()).isEqualTo("unexpected content after the closing ']'");
    }

    @Test
    void invalidUtf8InArrayStopsTheFile() throws Exception {
        byte[] content =
                "[{\"id\": 1}, {\"name\": \"B\u00FFob\"}]".getBytes(StandardCharsets.ISO_8859_1);

        Records.Failure failure = Records.readUntilFailure(FileFormat.JSON, content);

        assertThat(failure.before()).hasSize(1);
        assertThat(failure.error().reason()).contains("UTF-8");
    }

    @Test
    void nestingDeeperThanTheLimitStopsTheFile() throws Exception {
        String deep = "[{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}]";

        Records.Failure failure =
                Records.readUntilFailure(FileFormat.JSON, deep.getBytes(StandardCharsets.UTF_8));

        assertThat(failure.error().reason())
                .isEqualTo("nesting deeper than 64 levels (processing.maxDepth)");
    }

    @Test
    void stringLongerThanTheFieldLimitStopsTheFile() throws Exception {
        ReaderLimits limits = new ReaderLimits(10, 1000, 8, 100);
        byte[] content =
                ("[{\"a\": \"" + "x".repeat(1000) + "\"}]").getBytes(StandardCharsets.UTF_8);

        try (RecordReader reader = Records.open(FileFormat.JSON, content, limits)) {
            UnreadableFileException error =
                    org.assertj.core.api.Assertions.catchThrowableOfType(
                            UnreadableFileException.class, reader::next);
            assertThat(error.reason())
                    .isEqualTo("a value longer than 10 characters (processing.maxFieldChars)");
        }
    }

    @Test
    void jsonLinesOverTheParserLimitsAreMalformedRecordsWordedForThePartner() throws Exception {
        ReaderLimits limits = new ReaderLimits(10, 1000, 8, 100);
        String content =
                "{\"a\": \""
                        + "x".repeat(11)
                        + "\"}\n"
                        + "{\"a\":"
                        + "[".repeat(20)
                        + "]".repeat(20)
                        + "}\n"
                        + "{\"a\": 1}\n";

        List<ReadItem> items =
                readAll(FileFormat.JSON, content.getBytes(StandardCharsets.UTF_8), limits);
        List<ReadItem> longNumber = readAll(FileFormat.JSON, "{\"a\": " + "1".repeat(1001) + "}\n");

        assertThat(items).hasSize(3);
        assertThat(items.subList(0, 2))
                .extracting(item -> ((MalformedRecord) item).reason())
                .containsExactly(
                        "a value longer than 10 characters (processing.maxFieldChars)",
                        "nesting deeper than 8 levels (processing.maxDepth)");
        assertThat(value(items.get(2), "a")).isEqualTo(1);
        assertThat(((MalformedRecord) longNumber.get(0)).reason())
                .isEqualTo(
                        "limit exceeded: Number value length (1001) exceeds the maximum allowed (1000)");
    }

    @Test
    void recordWithMoreFieldsThanTheLimitIsMalformedAndReadingGoesOn() throws Exception {
        ReaderLimits limits = new ReaderLimits(100, 1000, 8, 3);
        List<ReadItem> items =
                readAll(
                        FileFormat.JSON,
                        "[{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}, {\"a\": 1}]"
                                .getBytes(StandardCharsets.UTF_8),
                        limits);

        assertThat(((MalformedRecord) items.get(0)).reason())
                .isEqualTo("record has more than 3 fields");
        assertThat(value(items.get(1), "a")).isEqualTo(1);
    }

    @Test
    void emptyArrayAndEmptyFileHaveNoRecords() throws Exception {
        assertThat(readAll(FileFormat.JSON, "[]")).isEmpty();
        assertThat(readAll(FileFormat.JSON, "")).isEmpty();
        assertThat(readAll(FileFormat.JSON, "  \n ")).isEmpty();
    }
}
