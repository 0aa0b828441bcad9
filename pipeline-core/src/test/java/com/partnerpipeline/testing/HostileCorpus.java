package com.partnerpipeline.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Files built to break the pipeline, each with the one outcome it must have. Small ones are
 * committed under {@code src/test/resources/hostile/}; large ones (tens of megabytes) are written
 * by code when a test asks for them. The offline engine ({@code HostileCorpusOfflineTest}) and a
 * real server and worker ({@code HostileUploadIT}) run every one.
 *
 * <p>Every file is read with {@link #SCHEMA}: {@code id} (integer, required) and {@code name}
 * (string). Where the format allows, valid records stand before and after the hostile part, so the
 * expectation also says that exactly those were kept.
 */
public final class HostileCorpus {
    public static final String SCHEMA =
            """
            {"name": "hostile", "fields": [
              {"name": "id", "type": "integer", "validation": {"required": true}},
              {"name": "name", "type": "string"}]}
            """;

    private static final int MB = 1 << 20;

    /** How a run of the file must end. */
    public enum Kind {
        /** read to the end; some records may be rejected, each with its error */
        COMPLETED,
        /**
         * the file stops part-way with a message saying where and why; the records before it are
         * kept
         */
        FAILED,
        /**
         * not processed at all: the offline command prints {@code error: ...}, the upload is
         * answered with an error
         */
        REFUSED
    }

    /**
     * @param problem words the partner's message must contain, naming the problem
     *     (case-insensitive): the job's or run's message when FAILED, the refusal when REFUSED, at
     *     least one record error when COMPLETED (null: nothing required)
     * @param errorCodes the error codes of the rejected records, all of them and nothing else
     * @param httpStatus for REFUSED uploads: the status the server answers with
     */
    public record Expectation(
            Kind kind,
            long valid,
            long rejected,
            String problem,
            Set<String> errorCodes,
            int httpStatus) {
        public static Expectation completed(
                long valid, long rejected, String problem, String... errorCodes) {
            return new Expectation(Kind.COMPLETED, valid, rejected, problem, Set.of(errorCodes), 0);
        }

        public static Expectation failed(long valid, String problem) {
            return new Expectation(Kind.FAILED, valid, 0, problem, Set.of(), 0);
        }

        public static Expectation refused(int httpStatus, String problem) {
            return new Expectation(Kind.REFUSED, 0, 0, problem, Set.of(), httpStatus);
        }

        @Override
        public String toString() {
            return switch (kind) {
                case COMPLETED ->
                        "COMPLETED, "
                                + valid
                                + " valid, "
                                + rejected
                                + " rejected "
                                + errorCodes
                                + (problem == null ? "" : ", an error naming '" + problem + "'");
                case FAILED -> "FAILED after " + valid + " valid records, naming '" + problem + "'";
                case REFUSED -> "REFUSED (" + httpStatus + "), naming '" + problem + "'";
            };
        }
    }

    /** Writes a case's file. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    /**
     * @param offline what the offline engine must do with it
     * @param server what a real server and worker must do with it (mostly the same)
     */
    public record Case(
            String fileName,
            String what,
            Expectation offline,
            Expectation server,
            Content content) {
        /** This case's file in {@code directory}, written there if it is not yet. */
        public Path writeTo(Path directory) {
            Path file = directory.resolve(fileName);
            if (Files.exists(file)) {
                return file;
            }
            try (OutputStream out =
                    new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                content.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }

        @Override
        public String toString() {
            return fileName;
        }
    }

    private HostileCorpus() {}

    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // XML: DTDs, entities, encodings
        cases.add(
                same(
                        "xxe-external-entity.xml",
                        "an external entity reading /etc/passwd",
                        Expectation.failed(0, "DOCTYPE")));
        cases.add(
                same(
                        "xxe-parameter-entity.xml",
                        "a parameter entity fetching a remote DTD",
                        Expectation.failed(0, "DOCTYPE")));
        cases.add(
                same(
                        "billion-laughs.xml",
                        "entities expanding to 10^9 'lol's",
                        Expectation.failed(0, "DOCTYPE")));
        cases.add(
                same(
                        "undeclared-entity.xml",
                        "an entity reference with no DTD at all",
                        Expectation.failed(1, "entity")));
        // Woodstox decoded about 4 KB ahead and lost the records before the bad bytes: the reader
        // decodes UTF-8 itself
        cases.add(
                same(
                        "xml-invalid-utf8.xml",
                        "an invalid UTF-8 sequence in the second record",
                        Expectation.failed(1, "invalid UTF-8")));
        cases.add(
                same(
                        "xml-nul-byte.xml",
                        "a NUL byte in a value",
                        Expectation.failed(1, "illegal character")));
        cases.add(
                same(
                        "xml-truncated.xml",
                        "the file ends inside the second record",
                        Expectation.failed(1, "unexpected EOF")));
        cases.add(
                same(
                        "xml-double-bom.xml",
                        "two byte order marks before the root element",
                        Expectation.refused(415, "does not look like XML")));
        cases.add(
                same(
                        "xml-utf16-bom.xml",
                        "UTF-16 with its byte order mark: XML allows it, the pipeline reads UTF-8 only",
                        Expectation.refused(415, "does not look like XML")));
        cases.add(
                same(
                        "xml-huge-numbers.xml",
                        "1e999999999 as an integer",
                        Expectation.completed(1, 1, null, "invalid_type")));
        cases.add(
                generated(
                        "deep-nesting.xml",
                        "100,000 nested elements in the second record",
                        Expectation.failed(1, "depth"),
                        out -> {
                            ascii(
                                    out,
                                    "<rows>\n<row><id>1</id><name>Ann</name></row>\n<row><id>2</id>");
                            repeat(out, "<a>", 100_000);
                            repeat(out, "</a>", 100_000);
                            ascii(out, "</row>\n<row><id>3</id><name>Cy</name></row>\n</rows>\n");
                        }));
        cases.add(
                generated(
                        "huge-text.xml",
                        "a 20 MB text value",
                        Expectation.failed(1, "processing.maxFieldChars"),
                        out -> {
                            ascii(
                                    out,
                                    "<rows>\n<row><id>1</id><name>Ann</name></row>\n<row><id>2</id><name>");
                            repeat(out, "x", 20 * MB);
                            ascii(
                                    out,
                                    "</name></row>\n<row><id>3</id><name>Cy</name></row>\n</rows>\n");
                        }));
        cases.add(
                generated(
                        "huge-attribute.xml",
                        "a 2 MB attribute value",
                        Expectation.failed(1, "processing.maxFieldChars"),
                        out -> {
                            ascii(
                                    out,
                                    "<rows>\n<row><id>1</id><name>Ann</name></row>\n<row id=\"2\" name=\"");
                            repeat(out, "x", 2 * MB);
                            ascii(out, "\"/>\n<row><id>3</id><name>Cy</name></row>\n</rows>\n");
                        }));
        // Each comment ends a text piece: joined by String concatenation, 400,000 pieces took 37 s
        // for one record
        cases.add(
                generated(
                        "xml-text-split-by-comments.xml",
                        "a 1,000,000-character value split by 1,000,000 comments",
                        Expectation.completed(3, 0, null),
                        out -> {
                            ascii(
                                    out,
                                    "<rows>\n<row><id>1</id><name>Ann</name></row>\n<row><id>2</id><name>");
                            repeat(out, "x<!---->", 1_000_000);
                            ascii(
                                    out,
                                    "</name></row>\n<row><id>3</id><name>Cy</name></row>\n</rows>\n");
                        }));
        // Woodstox has no limit on names, and holds a whole name in memory several times over. A
        // name longer than
        // processing.maxFieldChars rejects its record
        cases.add(
                generated(
                        "huge-attribute-name.xml",
                        "an attribute named by 5 MB of letters",
                        Expectation.completed(2, 1, "longer than", "malformed_record"),
                        out -> {
                            ascii(
                                    out,
                                    "<rows>\n<row><id>1</id><name>Ann</name></row>\n<row id=\"2\" ");
                            repeat(out, "a", 5 * MB);
                            ascii(out, "=\"x\"/>\n<row><id>3</id><name>Cy</name></row>\n</rows>\n");
                        }));
        // A name of 48 MB took more than 128 MB of heap in Woodstox. A tag longer than
        // processing.maxRecordChars is
        // stopped in front of the parser, which cannot be resumed at the next record from the
        // middle of a tag: the
        // file stops (rejecting only that record would take a second parser started past it)
        cases.add(
                generated(
                        "huge-element-name.xml",
                        "an element named by 48 MB of letters",
                        Expectation.failed(
                                1, "longer than 8388608 characters (processing.maxRecordChars)"),
                        out -> {
                            ascii(
                                    out,
                                    "<rows>\n<row><id>1</id><name>Ann</name></row>\n<row><id>2</id><");
                            repeat(out, "a", 48 * MB);
                            ascii(out, "/></row>\n<row><id>3</id><name>Cy</name></row>\n</rows>\n");
                        }));
        cases.add(
                generated(
                        "xml-many-children.xml",
                        "a record of 20,000 child elements",
                        Expectation.completed(2, 1, "fields", "malformed_record"),
                        out -> {
                            ascii(
                                    out,
                                    "<rows>\n<row><id>1</id><name>Ann</name></row>\n<row><id>2</id>");
                            for (int i = 0; i < 20_000; i++) {
                                ascii(out, "<f" + i + ">x</f" + i + ">");
                            }
                            ascii(out, "</row>\n<row><id>3</id><name>Cy</name></row>\n</rows>\n");
                        }));
        // Woodstox refuses the element outright, so the file stops (README's limits table says "the
        // record is rejected")
        cases.add(
                generated(
                        "xml-many-attributes.xml",
                        "a record of 20,000 attributes",
                        Expectation.failed(1, "more than 10000 attributes (processing.maxFields)"),
                        out -> {
                            ascii(
                                    out,
                                    "<rows>\n<row><id>1</id><name>Ann</name></row>\n<row id=\"2\"");
                            for (int i = 0; i < 20_000; i++) {
                                ascii(out, " a" + i + "=\"x\"");
                            }
                            ascii(out, "/>\n<row><id>3</id><name>Cy</name></row>\n</rows>\n");
                        }));

        // JSON
        cases.add(
                same(
                        "huge-numbers.json",
                        "numbers of a billion digits in eleven bytes, and an exponent no decimal holds",
                        Expectation.completed(
                                1, 4, null, "number_out_of_range", "malformed_record")));
        cases.add(
                same(
                        "invalid-utf8.json",
                        "an invalid UTF-8 sequence in the second record",
                        Expectation.failed(1, "invalid UTF-8")));
        cases.add(
                same(
                        "invalid-utf8.jsonl",
                        "invalid UTF-8 bytes in the second line",
                        Expectation.completed(2, 1, "UTF-8", "malformed_record")));
        cases.add(
                same(
                        "nul-bytes.jsonl",
                        "an escaped NUL (kept) and a raw NUL byte (not JSON) in strings",
                        Expectation.completed(3, 1, "CTRL-CHAR", "malformed_record")));
        cases.add(
                same(
                        "unterminated-string.json",
                        "a string that never ends",
                        Expectation.failed(1, "illegal unquoted character")));
        cases.add(
                same(
                        "bom-mid-lines.jsonl",
                        "a byte order mark at the start of the first and second lines",
                        Expectation.completed(3, 0, null)));
        cases.add(
                same(
                        "mixed-line-endings.jsonl",
                        "CRLF, LF, and a lone CR between two objects on one line",
                        Expectation.completed(
                                2, 1, "more than one JSON value", "malformed_record")));
        cases.add(
                same(
                        "array-of-non-objects.json",
                        "numbers, strings, null, booleans and arrays as records",
                        Expectation.completed(1, 5, "expected a JSON object", "malformed_record")));
        cases.add(
                same(
                        "trailing-garbage.json",
                        "a second document after the closing ']'",
                        Expectation.failed(1, "after the closing")));
        cases.add(
                same(
                        "binary-garbage.json",
                        "a PNG image named .json",
                        Expectation.refused(415, "does not look like JSON")));
        cases.add(
                new Case(
                        "empty.json",
                        "an empty file",
                        Expectation.completed(0, 0, null),
                        Expectation.refused(400, "empty"),
                        resource("empty.json")));
        cases.add(
                generated(
                        "whitespace-before-array.json",
                        "50 MB of whitespace before a JSON array",
                        Expectation.completed(2, 0, null),
                        out -> {
                            byte[] line =
                                    (" ".repeat(999) + "\n").getBytes(StandardCharsets.US_ASCII);
                            for (int i = 0; i < 50 * 1024; i++) {
                                out.write(line);
                            }
                            ascii(
                                    out,
                                    "[{\"id\": 1, \"name\": \"Ann\"},\n{\"id\": 2, \"name\": \"Bob\"}]\n");
                        }));
        cases.add(
                generated(
                        "whitespace-only.json",
                        "10 MB of whitespace and nothing else",
                        Expectation.completed(0, 0, null),
                        out -> {
                            byte[] block =
                                    " \t\r\n".repeat(256).getBytes(StandardCharsets.US_ASCII);
                            for (int i = 0; i < 10 * 1024; i++) {
                                out.write(block);
                            }
                        }));
        cases.add(
                generated(
                        "deep-nesting.json",
                        "100,000 nested arrays in the second record",
                        Expectation.failed(1, "depth"),
                        out -> {
                            ascii(out, "[{\"id\": 1, \"name\": \"Ann\"},\n{\"id\": 2, \"deep\": ");
                            repeat(out, "[", 100_000);
                            repeat(out, "]", 100_000);
                            ascii(out, "},\n{\"id\": 3, \"name\": \"Cy\"}]\n");
                        }));
        cases.add(
                generated(
                        "deep-nesting.jsonl",
                        "100,000 nested objects on the second line",
                        Expectation.completed(2, 1, "depth", "malformed_record"),
                        out -> {
                            ascii(out, "{\"id\": 1, \"name\": \"Ann\"}\n{\"id\": 2, \"deep\": ");
                            repeat(out, "{\"a\":", 100_000);
                            ascii(out, "1");
                            repeat(out, "}", 100_000);
                            ascii(out, "}\n{\"id\": 3, \"name\": \"Cy\"}\n");
                        }));
        cases.add(
                generated(
                        "huge-string.json",
                        "a 20 MB string in a JSON array",
                        Expectation.failed(1, "processing.maxFieldChars"),
                        out -> {
                            ascii(
                                    out,
                                    "[{\"id\": 1, \"name\": \"Ann\"},\n{\"id\": 2, \"name\": \"");
                            repeat(out, "x", 20 * MB);
                            ascii(out, "\"},\n{\"id\": 3, \"name\": \"Cy\"}]\n");
                        }));
        cases.add(
                generated(
                        "huge-field.jsonl",
                        "a 20 MB string on the second line",
                        Expectation.completed(2, 1, "longer than", "malformed_record"),
                        out -> {
                            ascii(out, "{\"id\": 1, \"name\": \"Ann\"}\n{\"id\": 2, \"name\": \"");
                            repeat(out, "x", 20 * MB);
                            ascii(out, "\"}\n{\"id\": 3, \"name\": \"Cy\"}\n");
                        }));
        cases.add(
                generated(
                        "long-digits.jsonl",
                        "a number of 2,000,000 digits",
                        Expectation.completed(2, 1, "processing.maxFieldChars", "malformed_record"),
                        out -> {
                            ascii(out, "{\"id\": 1, \"name\": \"Ann\"}\n{\"id\": ");
                            repeat(out, "9", 2_000_000);
                            ascii(out, ", \"name\": \"Big\"}\n{\"id\": 3, \"name\": \"Cy\"}\n");
                        }));
        cases.add(
                generated(
                        "many-keys.jsonl",
                        "an object of 20,000 keys",
                        Expectation.completed(2, 1, "fields", "malformed_record"),
                        out -> {
                            ascii(out, "{\"id\": 1, \"name\": \"Ann\"}\n{\"id\": 2");
                            for (int i = 0; i < 20_000; i++) {
                                ascii(out, ", \"k" + i + "\": " + i);
                            }
                            ascii(out, "}\n{\"id\": 3, \"name\": \"Cy\"}\n");
                        }));

        // CSV
        cases.add(
                same(
                        "huge-numbers.csv",
                        "1e999999999 and 23 nines as integers; 1e999999999 as a string is fine",
                        Expectation.completed(2, 2, null, "invalid_type", "number_out_of_range")));
        cases.add(
                same(
                        "invalid-utf8.csv",
                        "invalid UTF-8 bytes in the second row",
                        Expectation.failed(1, "invalid UTF-8")));
        cases.add(
                same(
                        "nul-bytes.csv",
                        "NUL bytes inside a value and at a value's end (trimmed like a space)",
                        Expectation.completed(4, 0, null)));
        cases.add(
                same(
                        "unterminated-quote.csv",
                        "a quote opened in the second row and never closed",
                        Expectation.completed(3, 1, "unclosed quote", "malformed_record")));
        cases.add(
                same(
                        "unterminated-quote-last-line.csv",
                        "a quote opened in the last row, at the end of the file",
                        Expectation.completed(1, 1, "unclosed quote", "malformed_record")));
        cases.add(
                same(
                        "bom-in-data-row.csv",
                        "byte order marks at the start and end of values",
                        Expectation.completed(2, 1, null, "invalid_type")));
        cases.add(
                same(
                        "bom-twice.csv",
                        "two byte order marks before the header",
                        Expectation.completed(2, 0, null)));
        cases.add(
                same(
                        "utf16-bom.csv",
                        "UTF-16LE with its byte order mark",
                        Expectation.failed(0, "invalid UTF-8")));
        cases.add(
                same(
                        "mixed-line-endings.csv",
                        "CRLF, LF, blank lines, a lone CR inside a row, CRLF inside quotes",
                        Expectation.completed(3, 1, "columns", "malformed_record")));
        // The header's line end decides: a lone CR there makes lone CRs the file's line breaks.
        // (Read as content, they
        // once made the whole file one header of four columns: the run COMPLETED with 0 records and
        // no message.)
        cases.add(
                same(
                        "cr-only-line-endings.csv",
                        "old Mac line endings: lone CRs only",
                        Expectation.completed(2, 0, null)));
        cases.add(
                same(
                        "binary-garbage.csv",
                        "a PNG image named .csv",
                        Expectation.failed(0, "invalid UTF-8")));
        cases.add(
                same(
                        "truncated-gzip.csv",
                        "half a gzip stream named .csv",
                        Expectation.failed(0, "invalid UTF-8")));
        cases.add(
                same(
                        "control-char-header.csv",
                        "a header of one control character (U+0001)",
                        Expectation.failed(0, "header row")));
        // Values are trimmed of every character up to the space, U+0001 too, so U+0001 before a
        // quote is what a space
        // there is: the quote opens, closes after 'x,', and the stray 'a' after it makes that row
        // malformed; '7,Eve"'
        // is then a row of its own (a quote inside an unquoted value is literal). The splitter once
        // took U+0001 for
        // content and read '"a\n7,Eve"' as a quoted value over two lines while univocity opened the
        // first quote: a
        // NullPointerException, or another row's values.
        cases.add(
                same(
                        "control-char-before-quote.csv",
                        "U+0001 before a quote, then a quote that a reading as content would close on the next line",
                        Expectation.completed(4, 1, "after a closing quote", "malformed_record")));
        cases.add(
                same(
                        "nul-only.csv",
                        "1 KB of NUL bytes",
                        Expectation.refused(415, "does not look like CSV")));
        cases.add(
                new Case(
                        "empty.csv",
                        "an empty file",
                        Expectation.completed(0, 0, null),
                        Expectation.refused(400, "empty"),
                        resource("empty.csv")));
        cases.add(
                generated(
                        "many-columns-header.csv",
                        "a header of 100,000 columns",
                        Expectation.failed(0, "processing.maxFields"),
                        out -> {
                            ascii(out, "id,name");
                            for (int i = 2; i < 100_000; i++) {
                                ascii(out, ",c" + i);
                            }
                            ascii(out, "\n1,Ann");
                            repeat(out, ",x", 100_000 - 2);
                            ascii(out, "\n");
                        }));
        cases.add(
                generated(
                        "many-columns-row.csv",
                        "a row of 20,001 columns",
                        Expectation.completed(2, 1, "columns", "malformed_record"),
                        out -> {
                            ascii(out, "id,name\n1,Ann\n2");
                            repeat(out, ",x", 20_000);
                            ascii(out, "\n3,Cy\n");
                        }));
        cases.add(
                generated(
                        "many-columns-quoted-row.csv",
                        "a row of 20,001 columns, one of them quoted",
                        Expectation.completed(2, 1, "columns", "malformed_record"),
                        out -> {
                            ascii(out, "id,name\n1,Ann\n\"2\"");
                            repeat(out, ",x", 20_000);
                            ascii(out, "\n3,Cy\n");
                        }));
        cases.add(
                generated(
                        "ten-million-commas.csv",
                        "a line of 10 million commas",
                        Expectation.completed(2, 1, "longer than", "malformed_record"),
                        out -> {
                            ascii(out, "id,name\n1,Ann\n");
                            repeat(out, ",", 10_000_000);
                            ascii(out, "\n3,Cy\n");
                        }));
        cases.add(
                generated(
                        "huge-field.csv",
                        "a 20 MB value",
                        Expectation.completed(2, 1, "longer than", "malformed_record"),
                        out -> {
                            ascii(out, "id,name\n1,Ann\n2,");
                            repeat(out, "x", 20 * MB);
                            ascii(out, "\n3,Cy\n");
                        }));
        // Past the record limit a quoted value counts as never closed: its first line is rejected
        // and each of the
        // 20,480 lines after it is read as a row of its own (one column: rejected too), as the
        // README says.
        cases.add(
                generated(
                        "huge-quoted-field.csv",
                        "a 20 MB quoted value spanning 20,480 lines",
                        Expectation.completed(2, 20_481, "unclosed quote", "malformed_record"),
                        out -> {
                            ascii(out, "id,name\n1,Ann\n2,\"");
                            byte[] line =
                                    ("x".repeat(1023) + "\n").getBytes(StandardCharsets.US_ASCII);
                            for (int i = 0; i < 20 * 1024; i++) {
                                out.write(line);
                            }
                            ascii(out, "\"\n3,Cy\n");
                        }));
        cases.add(
                generated(
                        "blank-lines.csv",
                        "10 MB of blank lines between two rows",
                        Expectation.completed(2, 0, null),
                        out -> {
                            ascii(out, "id,name\n1,Ann\n");
                            byte[] block =
                                    "\r\n \t\n".repeat(200).getBytes(StandardCharsets.US_ASCII);
                            for (int i = 0; i < 10 * MB / block.length; i++) {
                                out.write(block);
                            }
                            ascii(out, "2,Bob\n");
                        }));
        cases.add(
                new Case(
                        "empty.xml",
                        "an empty file",
                        Expectation.completed(0, 0, null),
                        Expectation.refused(400, "empty"),
                        resource("empty.xml")));
        return cases;
    }

    /** A committed file whose outcome is the same offline and on the server. */
    private static Case same(String fileName, String what, Expectation expectation) {
        return new Case(fileName, what, expectation, expectation, resource(fileName));
    }

    private static Case generated(
            String fileName, String what, Expectation expectation, Content content) {
        return new Case(fileName, what, expectation, expectation, content);
    }

    /**
     * One dynamic test per case, named after it and the expectation {@code which} picks, running
     * {@code check}.
     */
    public static Stream<DynamicTest> tests(
            Function<Case, Expectation> which, ThrowingConsumer<Case> check) {
        return cases().stream()
                .map(
                        hostile ->
                                DynamicTest.dynamicTest(
                                        hostile.fileName()
                                                + " ("
                                                + hostile.what()
                                                + "): "
                                                + which.apply(hostile),
                                        () -> {
                                            try {
                                                check.accept(hostile);
                                            } catch (
                                                    AssertionError
                                                            e) { // reports show dynamic tests by
                                                // number only
                                                throw new AssertionError(
                                                        hostile.fileName() + ": " + e.getMessage(),
                                                        e);
                                            }
                                        }));
    }

    private static Content resource(String fileName) {
        return out -> {
            try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/" + fileName)) {
                if (in == null) {
                    throw new IOException(
                            "hostile/" + fileName + " is not among the test resources");
                }
                in.transferTo(out);
            }
        };
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void repeat(OutputStream out, String text, int times) throws IOException {
        byte[] unit = text.getBytes(StandardCharsets.UTF_8);
        int perBlock = Math.max(1, 8192 / unit.length);
        byte[] block = new byte[unit.length * perBlock];
        for (int i = 0; i < perBlock; i++) {
            System.arraycopy(unit, 0, block, i * unit.length, unit.length);
        }
        int left = times;
        while (left >= perBlock) {
            out.write(block);
            left -= perBlock;
        }
        out.write(block, 0, left * unit.length);
    }

    /** The case named {@code fileName}. */
    public static Case named(String fileName) {
        return cases().stream()
                .filter(c -> c.fileName().equals(fileName))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no hostile case "
                                                + fileName
                                                + " among "
                                                + Arrays.toString(
                                                        cases().stream()
                                                                .map(Case::fileName)
                                                                .toArray())));
    }
}
