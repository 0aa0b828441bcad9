package com.partnerpipeline.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.formats.ReaderInvariants.Format;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of the readers with generated structured input (jqwik). Two kinds: what a writer writes
 * correctly comes back value for value, quoting, escapes and odd characters included; and text built from each
 * format's own tokens, shuffled into anything, under random small limits, keeps every promise of
 * {@link ReaderInvariants}. {@code -Djqwik.tries.default=N} runs more than the build's 200 tries.
 */
class ReaderPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Characters that make CSV, JSON and XML writers and readers work: separators, quotes, escapes, BOM, NUL,
     * non-ASCII. Single chars only: half of a surrogate pair is no text at all.
     */
    private static final String HOSTILE_CHARS = " ,;\"'\\\n\r\t\u0000\u001F\uFEFF\u00A0\u2028é€中<>&=:{}[]#ab1";

    // ---- what is written correctly comes back as written

    @Property
    void csvRowsComeBackAsWritten(@ForAll("csvTables") List<List<String>> table, @ForAll boolean crlf) throws Exception {
        int columns = table.get(0).size();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            csv.append(i == 0 ? "" : ",").append('c').append(i);
        }
        String lineEnd = crlf ? "\r\n" : "\n";
        csv.append(lineEnd);
        for (List<String> row : table) {
            String line = row.stream().map(ReaderPropertiesTest::csvValue).collect(Collectors.joining(","));
            csv.append(line.isBlank() ? "\"\"" + line : line).append(lineEnd); // a blank line would be skipped
        }

        List<ReadItem> items = Records.readAll(FileFormat.CSV, csv.toString().getBytes(StandardCharsets.UTF_8), ReaderLimits.DEFAULTS);

        assertThat(items).hasSize(table.size());
        for (int i = 0; i < table.size(); i++) {
            assertThat(items.get(i)).as("row %d of %s", i, csv).isInstanceOf(CsvRecord.class);
            List<String> expected = table.get(i).stream().map(ReaderPropertiesTest::trimmed).toList();
            assertThat(((CsvRecord) items.get(i)).values()).as("row %d of %s", i, csv).containsExactlyElementsOf(expected);
        }
    }

    /** RFC 4180: a value with a separator, quote or line break is quoted, quotes doubled. */
    private static String csvValue(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
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
     * Without NUL: univocity drops a NUL that stands right before an escaped quote in a quoted value ({@code "a\0"""}
     * reads as {@code a"}); CsvRecordReaderTest keeps that case.
     */
    @Provide
    Arbitrary<List<List<String>>> csvTables() {
        Arbitrary<String> values = Arbitraries.strings().withChars(HOSTILE_CHARS.replace("\u0000", ""))
                .withCharRange('\u0020', '\u007E').ofMaxLength(12);
        return Arbitraries.integers().between(1, 6).flatMap(columns ->
                values.list().ofSize(columns).list().ofMinSize(1).ofMaxSize(8));
    }

    @Property
    void jsonRecordsComeBackAsWrittenInAnArrayAndAsLines(@ForAll("jsonRecords") List<Map<String, Object>> records,
                                                         @ForAll boolean crlf) throws Exception {
        String lineEnd = crlf ? "\r\n" : "\n";
        StringBuilder array = new StringBuilder("[").append(lineEnd);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            String json = JSON.writeValueAsString(records.get(i));
            array.append(i == 0 ? "" : "," + lineEnd).append(json);
            lines.append(json).append(lineEnd).append(i % 3 == 2 ? lineEnd : ""); // now and then a blank line
        }
        array.append(lineEnd).append(']');

        for (String content : List.of(array.toString(), lines.toString())) {
            List<ReadItem> items = Records.readAll(FileFormat.JSON, content.getBytes(StandardCharsets.UTF_8), ReaderLimits.DEFAULTS);
            assertThat(items).as(content).hasSize(records.size());
            for (int i = 0; i < records.size(); i++) {
                assertThat(items.get(i)).as(content).isInstanceOf(TreeRecord.class);
                assertThat(comparable(((TreeRecord) items.get(i)).fields())).as(content).isEqualTo(comparable(records.get(i)));
            }
        }
    }

    /** Numbers as exact decimals whatever their Java type (the reader gives Integer where it was written from Long). */
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

    @Provide
    Arbitrary<List<Map<String, Object>>> jsonRecords() {
        return jsonObject(3).list().ofMinSize(1).ofMaxSize(6);
    }

    private Arbitrary<Map<String, Object>> jsonObject(int depth) {
        return Arbitraries.maps(text(8), jsonValue(depth - 1)).ofMaxSize(5);
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<Object> jsonValue(int depth) {
        List<Arbitrary<?>> choices = new ArrayList<>(List.of(text(16), Arbitraries.longs(), Arbitraries.of(true, false),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1e9), BigDecimal.valueOf(1e9)).ofScale(4),
                Arbitraries.just(null)));
        if (depth > 0) {
            choices.add(Arbitraries.lazy(() -> jsonObject(depth)));
            choices.add(Arbitraries.lazy(() -> jsonValue(depth - 1).list().ofMaxSize(4)));
        }
        return (Arbitrary<Object>) (Arbitrary<?>) Arbitraries.oneOf((List<Arbitrary<Object>>) (List<?>) choices);
    }

    @Property
    void xmlRecordsComeBackAsWritten(@ForAll("xmlRecords") List<Map<String, String>> records) throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rows>\n");
        for (Map<String, String> record : records) {
            xml.append("  <row>");
            record.forEach((name, value) -> xml.append('<').append(name).append('>').append(xmlText(value))
                    .append("</").append(name).append('>'));
            xml.append("</row>\n");
        }
        xml.append("</rows>\n");

        List<ReadItem> items = Records.readAll(FileFormat.XML, xml.toString().getBytes(StandardCharsets.UTF_8), ReaderLimits.DEFAULTS);

        assertThat(items).as(xml.toString()).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(((TreeRecord) items.get(i)).fields()).as(xml.toString()).isEqualTo(records.get(i));
        }
    }

    /** Text as an XML writer escapes it; CDATA now and then, split where "]]>" would end it. */
    private static String xmlText(String value) {
        if (value.length() % 3 == 1) {
            return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Provide
    Arbitrary<List<Map<String, String>>> xmlRecords() {
        Arbitrary<String> names = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofLength(1),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("-_.").ofMaxLength(6))
                .as((first, rest) -> first + rest).filter(name -> !name.startsWith("xml"));
        // XML text: no control characters but tab and line feed; a carriage return would come back as a line feed
        Arbitrary<String> values = Arbitraries.strings().withChars(HOSTILE_CHARS.replaceAll("[\\u0000\\u001F\\r]", ""))
                .withCharRange('\u0020', '\u00FF').ofMaxLength(16);
        return Arbitraries.maps(names, values).ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(6);
    }

    private static Arbitrary<String> text(int maxLength) {
        return Arbitraries.strings().withChars(HOSTILE_CHARS).withCharRange('\u0020', '\u007E').ofMaxLength(maxLength);
    }

    // ---- anything made of a format's tokens keeps the readers' promises

    @Property
    void csvReaderKeepsItsPromisesOnAnything(@ForAll("csvish") String text, @ForAll("limits") ReaderLimits limits)
            throws Exception {
        ReaderInvariants.read(Format.CSV, text.getBytes(StandardCharsets.UTF_8), limits);
    }

    @Property
    void jsonReadersKeepTheirPromisesOnAnything(@ForAll("jsonish") String text, @ForAll("limits") ReaderLimits limits)
            throws Exception {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        ReaderInvariants.read(Format.JSON, content, limits);
        ReaderInvariants.read(Format.JSON_LINES, content, limits);
    }

    @Property
    void xmlReaderKeepsItsPromisesOnAnything(@ForAll("xmlish") String text, @ForAll("limits") ReaderLimits limits)
            throws Exception {
        ReaderInvariants.read(Format.XML, text.getBytes(StandardCharsets.UTF_8), limits);
    }

    @Property
    void everyReaderKeepsItsPromisesOnBytes(@ForAll("bytes") byte[] content, @ForAll("limits") ReaderLimits limits)
            throws Exception {
        for (Format format : Format.values()) {
            ReaderInvariants.read(format, content, limits);
        }
    }

    @Provide
    Arbitrary<String> csvish() {
        return tokens("a", "b1", " ", ",", ",,", "\"", "\"\"", "\n", "\r\n", "\r", "\t", "\uFEFF", "\u0000", "x y",
                "id,name\n", "\"a\nb\"", "é", "😀", "\"\" x");
    }

    @Provide
    Arbitrary<String> jsonish() {
        return tokens("[", "]", "{", "}", "\"a\":", "\"\":", ",", ":", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\\"\"",
                "1", "-0.5e-3", "1e999999999", "1e9999999999", "12345678901234567890", "true", "null", " ", "\n",
                "\r\n", "\uFEFF", "\u0000", "é", "{\"id\": 1}");
    }

    @Provide
    Arbitrary<String> xmlish() {
        return tokens("<r>", "</r>", "<a>", "</a>", "<b c=\"d\">", "</b>", "<e/>", "text", " ", "\n", "&amp;", "&lt;",
                "&#65;", "&#0;", "&e;", "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>", "<?xml version=\"1.0\"?>",
                "<!DOCTYPE r [", "<!ENTITY e \"lol\">", "<!ENTITY x SYSTEM \"file:///etc/passwd\">", "]>", "\uFEFF",
                "\u0000", "é", "xmlns:p=\"u\"", "<p:a>", "</p:a>", "=", "\"");
    }

    private static Arbitrary<String> tokens(String... tokens) {
        return Arbitraries.of(tokens).list().ofMaxSize(60).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    @Provide
    Arbitrary<ReaderLimits> limits() {
        return Combinators.combine(Arbitraries.integers().between(1, 48), Arbitraries.integers().between(0, 400),
                        Arbitraries.integers().between(2, 8), Arbitraries.integers().between(1, 16))
                .as((field, extra, depth, fields) -> new ReaderLimits(field, field + extra, depth, fields));
    }
}
