package com.partnerpipeline.formats;

import static com.partnerpipeline.testing.Generators.anyLong;
import static com.partnerpipeline.testing.Generators.between;
import static com.partnerpipeline.testing.Generators.bytes;
import static com.partnerpipeline.testing.Generators.decimal;
import static com.partnerpipeline.testing.Generators.forAll;
import static com.partnerpipeline.testing.Generators.hex;
import static com.partnerpipeline.testing.Generators.list;
import static com.partnerpipeline.testing.Generators.map;
import static com.partnerpipeline.testing.Generators.oneOf;
import static com.partnerpipeline.testing.Generators.quoted;
import static com.partnerpipeline.testing.Generators.range;
import static com.partnerpipeline.testing.Generators.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.formats.ReaderInvariants.Format;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the readers with generated structured input (plain JUnit, see {@link
 * com.partnerpipeline.testing.Generators}). Two kinds: what a writer writes correctly comes back
 * value for value, quoting, escapes and odd characters included; and text built from each format's
 * own tokens, shuffled into anything, under random small limits, keeps every promise of {@link
 * ReaderInvariants}. 200 cases per property in the build; {@code -Dproperties.tries=N} runs N,
 * {@code -Dproperties.seed=S} starts from seed S (a failure names its case's seed).
 */
class ReaderPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Characters that make CSV, JSON and XML writers and readers work: separators, quotes, escapes,
     * BOM, NUL, non-ASCII. Single chars only: half of a surrogate pair is no text at all.
     */
    private static final String HOSTILE_CHARS =
            " ,;\"'\\\n\r\t\u0000\u001F\uFEFF\u00A0\u2028é€中<>&=:{}[]#ab1";

    /** Printable ASCII, then the hostile characters: the alphabet of generated text. */
    private static final String TEXT_CHARS = range('\u0020', '\u007E') + HOSTILE_CHARS;

    // ---- what is written correctly comes back as written

    record CsvCase(List<List<String>> table, boolean crlf) {}

    @Test
    void csvRowsComeBackAsWritten() {
        forAll(
                "csvRowsComeBackAsWritten",
                ReaderPropertiesTest::csvCase,
                c ->
                        "crlf="
                                + c.crlf()
                                + ", rows "
                                + c.table().stream()
                                        .map(
                                                row ->
                                                        row.stream()
                                                                .map(v -> quoted(v))
                                                                .toList()
                                                                .toString())
                                        .toList(),
                c -> csvRowsComeBackAsWritten(c.table(), c.crlf()));
    }

    private static void csvRowsComeBackAsWritten(List<List<String>> table, boolean crlf)
            throws Exception {
        int columns = table.get(0).size();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            csv.append(i == 0 ? "" : ",").append('c').append(i);
        }
        String lineEnd = crlf ? "\r\n" : "\n";
        csv.append(lineEnd);
        for (List<String> row : table) {
            String line =
                    row.stream()
                            .map(ReaderPropertiesTest::csvValue)
                            .collect(Collectors.joining(","));
            if (line.isBlank()) {
                // a blank line would be skipped: quote the values instead (not "" before them: a
                // quoted value
                // followed by U+2028, blank to isBlank but above the space, is no CSV)
                line =
                        row.stream()
                                .map(value -> '"' + value.replace("\"", "\"\"") + '"')
                                .collect(Collectors.joining(","));
            }
            csv.append(line).append(lineEnd);
        }

        List<ReadItem> items =
                Records.readAll(
                        FileFormat.CSV,
                        csv.toString().getBytes(StandardCharsets.UTF_8),
                        ReaderLimits.DEFAULTS);

        assertThat(items).hasSize(table.size());
        for (int i = 0; i < table.size(); i++) {
            assertThat(items.get(i)).as("row %d of %s", i, csv).isInstanceOf(CsvRecord.class);
            List<String> expected =
                    table.get(i).stream().map(ReaderPropertiesTest::trimmed).toList();
            assertThat(((CsvRecord) items.get(i)).values())
                    .as("row %d of %s", i, csv)
                    .containsExactlyElementsOf(expected);
        }
    }

    /** RFC 4180: a value with a separator, quote or line break is quoted, quotes doubled. */
    private static String csvValue(String value) {
        boolean quote =
                value.indexOf(',') >= 0
                        || value.indexOf('"') >= 0
                        || value.indexOf('\n') >= 0
                        || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** The reader trims every value, quoted or not, of characters up to the space. */
    private static String trimmed(String value) {
        int from = 0;
        int to = value.length();
        while (from < to && value.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && value.charAt(to - 1) <= ' ') {
            to--;
        }
        return value.substring(from, to);
    }

    /**
     * Without NUL: univocity drops a NUL that stands right before an escaped quote in a quoted
     * value ({@code "a\0"""} reads as {@code a"}); CsvRecordReaderTest keeps that case.
     */
    private static final String CSV_VALUE_CHARS =
            range('\u0020', '\u007E') + HOSTILE_CHARS.replace("\u0000", "");

    private static CsvCase csvCase(Random random) {
        int columns = between(random, 1, 6);
        List<List<String>> table =
                list(
                        random,
                        1,
                        8,
                        r -> list(r, columns, columns, v -> string(v, CSV_VALUE_CHARS, 12)));
        return new CsvCase(table, random.nextBoolean());
    }

    record JsonCase(List<Map<String, Object>> records, boolean crlf) {}

    @Test
    void jsonRecordsComeBackAsWrittenInAnArrayAndAsLines() {
        forAll(
                "jsonRecordsComeBackAsWrittenInAnArrayAndAsLines",
                random ->
                        new JsonCase(
                                list(random, 1, 6, r -> jsonObject(r, 3)), random.nextBoolean()),
                c -> "crlf=" + c.crlf() + ", records " + quoted(String.valueOf(c.records())),
                c -> jsonRecordsComeBackAsWrittenInAnArrayAndAsLines(c.records(), c.crlf()));
    }

    private static void jsonRecordsComeBackAsWrittenInAnArrayAndAsLines(
            List<Map<String, Object>> records, boolean crlf) throws Exception {
        String lineEnd = crlf ? "\r\n" : "\n";
        StringBuilder array = new StringBuilder("[").append(lineEnd);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            String json = JSON.writeValueAsString(records.get(i));
            array.append(i == 0 ? "" : "," + lineEnd).append(json);
            lines.append(json)
                    .append(lineEnd)
                    .append(i % 3 == 2 ? lineEnd : ""); // now and then a blank line
        }
        array.append(lineEnd).append(']');

        for (String content : List.of(array.toString(), lines.toString())) {
            List<ReadItem> items =
                    Records.readAll(
                            FileFormat.JSON,
                            content.getBytes(StandardCharsets.UTF_8),
                            ReaderLimits.DEFAULTS);
            assertThat(items).as(content).hasSize(records.size());
            for (int i = 0; i < records.size(); i++) {
                assertThat(items.get(i)).as(content).isInstanceOf(TreeRecord.class);
                assertThat(comparable(((TreeRecord) items.get(i)).fields()))
                        .as(content)
                        .isEqualTo(comparable(records.get(i)));
            }
        }
    }

    /**
     * Numbers as exact decimals whatever their Java type (the reader gives Integer where it was
     * written from Long).
     */
    private static Object comparable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put(key, comparable(element)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReaderPropertiesTest::comparable).toList();
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        return value;
    }

    private static Map<String, Object> jsonObject(Random random, int depth) {
        return map(random, 0, 5, r -> text(r, 8), r -> jsonValue(r, depth - 1));
    }

    /**
     * Text, a long, a boolean, a decimal (scale 4, within ±1e9) or null; below the depth, objects
     * and arrays too.
     */
    private static Object jsonValue(Random random, int depth) {
        int kinds = depth > 0 ? 7 : 5;
        return switch (random.nextInt(kinds)) {
            case 0 -> text(random, 16);
            case 1 -> anyLong(random);
            case 2 -> random.nextBoolean();
            case 3 -> decimal(random, 1_000_000_000L, 4);
            case 4 -> null;
            case 5 -> jsonObject(random, depth);
            default -> list(random, 0, 4, r -> jsonValue(r, depth - 1));
        };
    }

    @Test
    void xmlRecordsComeBackAsWritten() {
        forAll(
                "xmlRecordsComeBackAsWritten",
                random -> list(random, 1, 6, ReaderPropertiesTest::xmlRecord),
                records -> quoted(String.valueOf(records)),
                ReaderPropertiesTest::xmlRecordsComeBackAsWritten);
    }

    private static void xmlRecordsComeBackAsWritten(List<Map<String, String>> records)
            throws Exception {
        StringBuilder xml =
                new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rows>\n");
        for (Map<String, String> record : records) {
            xml.append("  <row>");
            record.forEach(
                    (name, value) ->
                            xml.append('<')
                                    .append(name)
                                    .append('>')
                                    .append(xmlText(value))
                                    .append("</")
                                    .append(name)
                                    .append('>'));
            xml.append("</row>\n");
        }
        xml.append("</rows>\n");

        List<ReadItem> items =
                Records.readAll(
                        FileFormat.XML,
                        xml.toString().getBytes(StandardCharsets.UTF_8),
                        ReaderLimits.DEFAULTS);

        assertThat(items).as(xml.toString()).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(((TreeRecord) items.get(i)).fields())
                    .as(xml.toString())
                    .isEqualTo(records.get(i));
        }
    }

    /** Text as an XML writer escapes it; CDATA now and then, split where "]]>" would end it. */
    private static String xmlText(String value) {
        if (value.length() % 3 == 1) {
            return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final String XML_NAME_START = range('a', 'z');
    private static final String XML_NAME_CHARS = range('a', 'z') + range('0', '9') + "-_.";

    /**
     * XML text: no control characters but tab and line feed; a carriage return would come back as a
     * line feed.
     */
    private static final String XML_TEXT_CHARS =
            range('\u0020', '\u00FF') + HOSTILE_CHARS.replaceAll("[\\u0000\\u001F\\r]", "");

    private static Map<String, String> xmlRecord(Random random) {
        return map(random, 1, 5, ReaderPropertiesTest::xmlName, r -> string(r, XML_TEXT_CHARS, 16));
    }

    /**
     * A letter, then up to 6 letters, digits, '-', '_' or '.'; never starting with "xml"
     * (reserved).
     */
    private static String xmlName(Random random) {
        while (true) {
            String name = string(random, XML_NAME_START, 1, 1) + string(random, XML_NAME_CHARS, 6);
            if (!name.startsWith("xml")) {
                return name;
            }
        }
    }

    private static String text(Random random, int maxLength) {
        return string(random, TEXT_CHARS, maxLength);
    }

    // ---- anything made of a format's tokens keeps the readers' promises

    record Soup<T>(T content, ReaderLimits limits) {}

    @Test
    void csvReaderKeepsItsPromisesOnAnything() {
        forAll(
                "csvReaderKeepsItsPromisesOnAnything",
                random -> new Soup<>(csvish(random), limits(random)),
                soup -> quoted(soup.content()) + " under " + soup.limits(),
                soup ->
                        ReaderInvariants.read(
                                Format.CSV,
                                soup.content().getBytes(StandardCharsets.UTF_8),
                                soup.limits()));
    }

    @Test
    void jsonReadersKeepTheirPromisesOnAnything() {
        forAll(
                "jsonReadersKeepTheirPromisesOnAnything",
                random -> new Soup<>(jsonish(random), limits(random)),
                soup -> quoted(soup.content()) + " under " + soup.limits(),
                soup -> {
                    byte[] content = soup.content().getBytes(StandardCharsets.UTF_8);
                    ReaderInvariants.read(Format.JSON, content, soup.limits());
                    ReaderInvariants.read(Format.JSON_LINES, content, soup.limits());
                });
    }

    @Test
    void xmlReaderKeepsItsPromisesOnAnything() {
        forAll(
                "xmlReaderKeepsItsPromisesOnAnything",
                random -> new Soup<>(xmlish(random), limits(random)),
                soup -> quoted(soup.content()) + " under " + soup.limits(),
                soup ->
                        ReaderInvariants.read(
                                Format.XML,
                                soup.content().getBytes(StandardCharsets.UTF_8),
                                soup.limits()));
    }

    @Test
    void everyReaderKeepsItsPromisesOnBytes() {
        forAll(
                "everyReaderKeepsItsPromisesOnBytes",
                random -> new Soup<>(bytes(random, 200), limits(random)),
                soup -> hex(soup.content()) + " under " + soup.limits(),
                soup -> {
                    for (Format format : Format.values()) {
                        ReaderInvariants.read(format, soup.content(), soup.limits());
                    }
                });
    }

    private static String csvish(Random random) {
        return tokens(
                random,
                "a",
                "b1",
                " ",
                ",",
                ",,",
                "\"",
                "\"\"",
                "\n",
                "\r\n",
                "\r",
                "\t",
                "\uFEFF",
                "\u0000",
                "x y",
                "id,name\n",
                "\"a\nb\"",
                "é",
                "😀",
                "\"\" x");
    }

    private static String jsonish(Random random) {
        return tokens(
                random,
                "[",
                "]",
                "{",
                "}",
                "\"a\":",
                "\"\":",
                ",",
                ":",
                "\"x\"",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "\"\\\"\"",
                "1",
                "-0.5e-3",
                "1e999999999",
                "1e9999999999",
                "12345678901234567890",
                "true",
                "null",
                " ",
                "\n",
                "\r\n",
                "\uFEFF",
                "\u0000",
                "é",
                "{\"id\": 1}");
    }

    private static String xmlish(Random random) {
        return tokens(
                random,
                "<r>",
                "</r>",
                "<a>",
                "</a>",
                "<b c=\"d\">",
                "</b>",
                "<e/>",
                "text",
                " ",
                "\n",
                "&amp;",
                "&lt;",
                "&#65;",
                "&#0;",
                "&e;",
                "<![CDATA[",
                "]]>",
                "<!--",
                "-->",
                "<?pi x?>",
                "<?xml version=\"1.0\"?>",
                "<!DOCTYPE r [",
                "<!ENTITY e \"lol\">",
                "<!ENTITY x SYSTEM \"file:///etc/passwd\">",
                "]>",
                "\uFEFF",
                "\u0000",
                "é",
                "xmlns:p=\"u\"",
                "<p:a>",
                "</p:a>",
                "=",
                "\"");
    }

    /** Up to 60 of {@code tokens}, any of them any number of times, in any order. */
    private static String tokens(Random random, String... tokens) {
        return String.join("", list(random, 0, 60, r -> oneOf(r, tokens)));
    }

    /**
     * Small limits: a field of 1 to 48 characters, a record up to 400 more, depth 2 to 8, 1 to 16
     * fields.
     */
    private static ReaderLimits limits(Random random) {
        int field = between(random, 1, 48);
        return new ReaderLimits(
                field,
                field + between(random, 0, 400),
                between(random, 2, 8),
                between(random, 1, 16));
    }
}
