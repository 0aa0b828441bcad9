package com.partnerpipeline.formats;

import static com.partnerpipeline.formats.Records.readAll;
import static com.partnerpipeline.formats.Records.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.univocity.parsers.csv.CsvParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    @Test
    void readsHeaderAndValuesWithIndexesAndLineNumbers() throws Exception {
        List<ReadItem> items = readAll(FileFormat.CSV, "id,name\n1,Ann\n2,Bob\n");

        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isInstanceOf(CsvRecord.class);
        assertThat(items).extracting(ReadItem::index).containsExactly(0L, 1L);
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(2L, 3L);
        assertThat(value(items.get(1), "name")).isEqualTo("Bob");
        assertThat(value(items.get(1), "missing")).isNull();
    }

    @Test
    void followsRfc4180Quoting() throws Exception {
        List<ReadItem> items =
                readAll(
                        FileFormat.CSV,
                        "id,text,note\n1,\"a, b\",\"she said \"\"hi\"\"\"\n2,\"two\nlines\",x\n3,plain,y\n");

        assertThat(items).allMatch(item -> item instanceof CsvRecord);
        assertThat(value(items.get(0), "text")).isEqualTo("a, b");
        assertThat(value(items.get(0), "note")).isEqualTo("she said \"hi\"");
        assertThat(value(items.get(1), "text")).isEqualTo("two\nlines");
        assertThat(items.get(2).lineNumber()).isEqualTo(5); // the quoted line break took a line
        assertThat(((CsvRecord) items.get(1)).rawLine()).isEqualTo("2,\"two\nlines\",x");
    }

    @Test
    void trimsValuesAndReadsEmptyCellsAsEmpty() throws Exception {
        List<ReadItem> items =
                readAll(FileFormat.CSV, " id , name ,age\n  7 ,  Ann Lee  ,\n8,\"\",\" 9 \"\n");

        assertThat(((CsvRecord) items.get(0)).header().names())
                .containsExactly("id", "name", "age");
        assertThat(value(items.get(0), "id")).isEqualTo("7");
        assertThat(value(items.get(0), "name")).isEqualTo("Ann Lee");
        assertThat(value(items.get(0), "age")).isEqualTo("");
        assertThat(value(items.get(1), "name")).isEqualTo("");
        assertThat(value(items.get(1), "age")).isEqualTo("9");
    }

    @Test
    void stripsUtf8ByteOrderMarkAndAcceptsCrLf() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,name\r\n1,Zoë\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(body, 0, content, 3, body.length);

        List<ReadItem> items = readAll(FileFormat.CSV, content, ReaderLimits.DEFAULTS);

        assertThat(((CsvRecord) items.get(0)).header().names()).containsExactly("id", "name");
        assertThat(value(items.get(0), "name")).isEqualTo("Zoë");
        assertThat(((CsvRecord) items.get(0)).rawLine()).isEqualTo("1,Zoë");
    }

    @Test
    void skipsBlankLines() throws Exception {
        List<ReadItem> items = readAll(FileFormat.CSV, "id\n1\n\n   \n2\n\n");

        assertThat(items).extracting(item -> value(item, "id")).containsExactly("1", "2");
        assertThat(items).extracting(ReadItem::index).containsExactly(0L, 1L);
        assertThat(items.get(1).lineNumber()).isEqualTo(5);
    }

    @Test
    void rejectsRowWithWrongColumnCountAndGoesOn() throws Exception {
        List<ReadItem> items = readAll(FileFormat.CSV, "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");

        assertThat(items).hasSize(4);
        assertThat(items.get(1))
                .isEqualTo(new MalformedRecord(1, 3, "expected 3 columns, found 2", "4,5"));
        assertThat(items.get(2))
                .isEqualTo(new MalformedRecord(2, 4, "expected 3 columns, found 4", "6,7,8,9"));
        assertThat(value(items.get(3), "c")).isEqualTo("12");
    }

    @Test
    void unclosedQuoteCostsOnlyItsOwnRow() throws Exception {
        List<ReadItem> items =
                readAll(FileFormat.CSV, "id,name\n1,\"Ann\n2,Bob\n3,\"Cy\"\n4,Dee\n");

        assertThat(items).hasSize(4);
        MalformedRecord broken = (MalformedRecord) items.get(0);
        assertThat(broken.lineNumber()).isEqualTo(2);
        assertThat(broken.rawText()).isEqualTo("1,\"Ann");
        assertThat(broken.reason()).startsWith("unclosed quote");
        assertThat(items.subList(1, 4))
                .extracting(item -> value(item, "name"))
                .containsExactly("Bob", "Cy", "Dee");
        assertThat(items.subList(1, 4))
                .extracting(ReadItem::lineNumber)
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    void unclosedQuoteOnTheLastLineIsOneRejectedRecord() throws Exception {
        List<ReadItem> items = readAll(FileFormat.CSV, "id,name\n1,Ann\n2,\"Bob\n3,Cy\n");

        assertThat(items).hasSize(3);
        assertThat(items.get(1)).isInstanceOf(MalformedRecord.class);
        assertThat(value(items.get(2), "name")).isEqualTo("Cy");
    }

    @Test
    void strayCharacterAfterClosingQuoteIsMalformed() throws Exception {
        List<ReadItem> items = readAll(FileFormat.CSV, "id,name\n1,\"Ann\"x\n2,Bob\n");

        assertThat(((MalformedRecord) items.get(0)).reason()).contains("after a closing quote");
        assertThat(value(items.get(1), "name")).isEqualTo("Bob");
    }

    @Test
    void quoteInsideUnquotedValueIsKeptLiterally() throws Exception {
        List<ReadItem> items = readAll(FileFormat.CSV, "id,height\n1,5'10\"\n2,6'\n");

        assertThat(value(items.get(0), "height")).isEqualTo("5'10\"");
        assertThat(value(items.get(1), "height")).isEqualTo("6'");
    }

    @Test
    void invalidUtf8StopsTheFileNamingWhere() throws Exception {
        byte[] content = "id,name\n1,Ann\n2,B\u00FFob\n".getBytes(StandardCharsets.ISO_8859_1);

        Records.Failure failure = Records.readUntilFailure(FileFormat.CSV, content);

        assertThat(failure.before()).hasSize(1);
        assertThat(failure.error().recordIndex()).isEqualTo(1);
        assertThat(failure.error().line()).isEqualTo(3);
        assertThat(failure.error().column()).isEqualTo(4);
        assertThat(failure.error().getMessage())
                .isEqualTo(
                        "cannot read the file at record 1 (line 3, column 4): invalid UTF-8 byte sequence");
    }

    @Test
    void refusesHeaderWithDuplicateOrEmptyNames() {
        assertThatThrownBy(() -> readAll(FileFormat.CSV, "id,name,id\n1,2,3\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("names column 'id' twice");
        assertThatThrownBy(() -> readAll(FileFormat.CSV, "id,,x\n1,2,3\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("column 2 of the header row has no name");
    }

    private static String columns(int count) {
        return IntStream.range(0, count).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
    }

    @Test
    void headerWithMoreColumnsThanTheLimitStopsTheFileNamingTheLimit() {
        String content = columns(100_000) + "\n1\n";

        assertThatThrownBy(() -> readAll(FileFormat.CSV, content))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage(
                        "cannot read the file at record 0 (line 1): the header row has more than 10000 columns "
                                + "(processing.maxFields)");
    }

    @Test
    void rowWithMoreColumnsThanTheLimitIsRejectedNamingTheLimitWhetherQuotedOrNot()
            throws Exception {
        ReaderLimits limits = new ReaderLimits(100, 10_000, 8, 100);
        String content = "id\n" + columns(101) + "\n\"quoted\"," + columns(500) + "\n2\n";

        List<ReadItem> items =
                readAll(FileFormat.CSV, content.getBytes(StandardCharsets.UTF_8), limits);

        assertThat(items).hasSize(3);
        assertThat(items.subList(0, 2))
                .extracting(item -> ((MalformedRecord) item).reason())
                .containsOnly("more than 100 columns (processing.maxFields)");
        assertThat(value(items.get(2), "id")).isEqualTo("2");
    }

    @Test
    void refusesHeaderOfControlCharactersOnly() {
        assertThatThrownBy(() -> readAll(FileFormat.CSV, "\u0001\n1,Ann\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage(
                        "cannot read the file at record 0 (line 1): the header row has no column names");
    }

    @Test
    void nulBeforeAnEscapedQuoteInAQuotedValueIsKept() throws Exception {
        // Found by ReaderPropertiesTest: univocity drops a NUL right before "" inside quotes (it
        // reads "a\0""" as a").
        // Fails until that is worked around; PostgreSQL stores the NUL as U+FFFD, the offline
        // output keeps it.
        List<ReadItem> items =
                readAll(FileFormat.CSV, "id,name\n1,\"a\u0000\"\"\"\n2,\"b\u0000\"\"c\"\n");

        assertThat(value(items.get(0), "name")).isEqualTo("a\u0000\"");
        assertThat(value(items.get(1), "name")).isEqualTo("b\u0000\"c");
    }

    @Test
    void aControlCharacterBeforeAQuoteIsTrimmedLikeASpaceSoTheQuoteOpens() throws Exception {
        // The hostile corpus's control-char-before-quote.csv, with every character the values are
        // trimmed of: each
        // must read as a space does. The quote opens, closes after "x,", and the stray 'a' makes
        // that row malformed;
        // the next line is a row of its own, whose quote is literal. No row gets another row's
        // text.
        for (char c = 0; c <= ' '; c++) {
            if (c == '\n') {
                continue;
            }
            String content = "id,name\n1,Ann\n" + c + "\"x,\"a\n7,Eve\"\n2,\"Bob\"\n3,Cy\n";

            List<ReadItem> items = readAll(FileFormat.CSV, content);

            String what = "U+%04X before the quote".formatted((int) c);
            assertThat(items).as(what).hasSize(5);
            assertThat(items.get(1))
                    .as(what)
                    .isEqualTo(
                            new MalformedRecord(
                                    1,
                                    3,
                                    "unexpected character 'a' after a closing quote",
                                    c + "\"x,\"a"));
            assertThat(items)
                    .as(what)
                    .extracting(item -> item instanceof CsvRecord ? value(item, "name") : null)
                    .containsExactly("Ann", null, "Eve\"", "Bob", "Cy");
            assertThat(items)
                    .as(what)
                    .extracting(ReadItem::lineNumber)
                    .containsExactly(2L, 3L, 4L, 5L, 6L);
        }
    }

    @Test
    void aControlCharacterAfterAClosingQuoteIsTrimmedLikeASpace() throws Exception {
        for (char c = 0; c <= ' '; c++) {
            if (c == '\n') {
                continue;
            }
            List<ReadItem> items =
                    readAll(FileFormat.CSV, "id,name\n\"1\"" + c + ",\"a\"" + c + "\n2,b\n");

            assertThat(items)
                    .as("U+%04X", (int) c)
                    .extracting(item -> value(item, "name"))
                    .containsExactly("a", "b");
        }
    }

    @Test
    void charactersUnivocityDoesNotTrimAreContentBeforeAQuote() throws Exception {
        // Not whitespace to univocity (it trims only up to U+0020): the quote after them is a
        // literal character of an
        // unquoted value, for the splitter too. A BOM in the middle of the file is content like any
        // other character.
        for (char c : "\u007F\u0085\u00A0\u2028\uFEFF\u3000".toCharArray()) {
            List<ReadItem> items =
                    readAll(FileFormat.CSV, "id,name\n1," + c + "\"a\nb\"\n2,\"Bob\"\n");

            String what = "U+%04X before the quote".formatted((int) c);
            assertThat(items).as(what).hasSize(3);
            assertThat(value(items.get(0), "name")).as(what).isEqualTo(c + "\"a");
            assertThat(items.get(1)).as(what).isInstanceOf(MalformedRecord.class);
            assertThat(value(items.get(2), "name")).as(what).isEqualTo("Bob");
        }
    }

    @Test
    void aByteOrderMarkAfterTheHeaderIsContentEvenRightAfterARowUnivocityRejected()
            throws Exception {
        // univocity skips a BOM at the start of whatever it reads first, as after it gave up on a
        // row: the reader
        // keeps its parser from ever seeing a row first.
        ReaderLimits limits = new ReaderLimits(100, 1000, 8, 2);
        String content = "\uFEFF\uFEFFid,name\n\uFEFF1,\"a\"\n\"2\",b,c\n\uFEFF3,\"c\"\n";

        List<ReadItem> items =
                readAll(FileFormat.CSV, content.getBytes(StandardCharsets.UTF_8), limits);

        assertThat(((CsvRecord) items.get(0)).header().names()).containsExactly("id", "name");
        assertThat(items.get(1)).isInstanceOf(MalformedRecord.class);
        assertThat(items)
                .extracting(item -> item instanceof CsvRecord ? value(item, "id") : null)
                .containsExactly("\uFEFF1", null, "\uFEFF3");
    }

    @Test
    void aRecordUnivocityReadsDifferentlyIsRejectedAndCostsNoOtherRecord() throws Exception {
        // The splitter and univocity agree (see the tests above); should they ever not, univocity
        // must not start the
        // next record where it stopped in this one. Two records in one text stand for such a
        // disagreement.
        try (CsvRecordReader reader =
                new CsvRecordReader(
                        new ByteArrayInputStream("id,name\n".getBytes(StandardCharsets.UTF_8)),
                        ReaderLimits.DEFAULTS)) {
            assertThat(reader.parseOneRecord("1,\"a\"\n2,\"b\"\n")).isNull();
            assertThat(reader.parseOneRecord("3,\"c\"\n")).containsExactly("3", "c");
            assertThat(reader.parseOneRecord("\u0001\n")).isNull();
            assertThat(reader.parseOneRecord("4,\"d\"\n")).containsExactly("4", "d");
        }
    }

    @Test
    void sharedParserReadsEveryRecordAsAFreshOneWouldOnRandomText() throws Exception {
        // Every record the reader keeps has the values a parser that never saw another record gives
        // its text; nothing
        // thrown. Characters around quotes that univocity trims or not, line breaks, BOM, NUL.
        String alphabet = "a1 ,\"\"\n\r\t\u0000\u0001\u0002\u001F\u00A0\u0085\uFEFF\u2028";
        SplittableRandom random = new SplittableRandom(7);
        for (int file = 0; file < 3000; file++) {
            StringBuilder content = new StringBuilder("id,name\n");
            int length = random.nextInt(0, 60);
            for (int i = 0; i < length; i++) {
                content.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (ReadItem item : readAll(FileFormat.CSV, content.toString())) {
                if (item instanceof CsvRecord record) {
                    CsvParser fresh =
                            new CsvParser(CsvRecordReader.settings(ReaderLimits.DEFAULTS));
                    fresh.parseLine(
                            "-\n"); // or it would skip a BOM at the start of the row, which the
                    // reader keeps
                    assertThat(record.values())
                            .as("%s in %s", record.rawLine(), content)
                            .containsExactly(fresh.parseLine(record.rawText()));
                }
            }
        }
    }

    @Test
    void readsAFileWhoseLinesEndInLoneCarriageReturns() throws Exception {
        // Classic Mac: the header's lone CR makes every CR, LF or CRLF a line end, each one line.
        List<ReadItem> items =
                readAll(
                        FileFormat.CSV,
                        "\uFEFFid,name\r1,Ann\r2,\"two\rlines\"\r\r3,Cy\r\n4,Di\n5,\"E\"\r");

        assertThat(((CsvRecord) items.get(0)).header().names()).containsExactly("id", "name");
        assertThat(items).allMatch(item -> item instanceof CsvRecord);
        assertThat(items)
                .extracting(item -> value(item, "name"))
                .containsExactly("Ann", "two\nlines", "Cy", "Di", "E");
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(2L, 3L, 6L, 7L, 8L);
    }

    @Test
    void readsALoneCarriageReturnFileAcrossBufferRefillsAndCountsItsBytes() throws Exception {
        StringBuilder content = new StringBuilder("id,text\r");
        for (int i = 0; i < 20_000; i++) {
            content.append(i)
                    .append(",\"value ")
                    .append(i)
                    .append('"')
                    .append(i % 7 == 0 ? "\r\n" : "\r");
        }
        byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);

        try (RecordReader reader = Records.open(FileFormat.CSV, bytes, ReaderLimits.DEFAULTS)) {
            ReadItem item;
            ReadItem last = null;
            int count = 0;
            while ((item = reader.next()) != null) {
                assertThat(item).isInstanceOf(CsvRecord.class);
                count++;
                last = item;
            }
            assertThat(count).isEqualTo(20_000);
            assertThat(value(last, "text")).isEqualTo("value 19999");
            assertThat(last.lineNumber()).isEqualTo(20_001);
            assertThat(reader.bytesConsumed()).isEqualTo(bytes.length);
        }
    }

    @Test
    void aLoneCarriageReturnInsideARowOfAnLfFileIsNoLineEnd() throws Exception {
        // The header ends in LF (or CRLF): a lone CR later is content (trimmed at a value's ends),
        // as ever.
        List<ReadItem> items =
                readAll(FileFormat.CSV, "id,name\r\n1,A\rnn\n2,\"B\rob\"\n3,Cy\r4,Di\n");

        assertThat(items.subList(0, 2))
                .extracting(item -> value(item, "name"))
                .containsExactly("A\rnn", "B\rob");
        assertThat(items.get(2))
                .isEqualTo(new MalformedRecord(2, 4, "expected 2 columns, found 3", "3,Cy\r4,Di"));
        assertThat(readAll(FileFormat.CSV, "\"a\rb\",c\n1,2\n"))
                .hasSize(1); // a quoted CR in the header: content
    }

    @Test
    void aLoneCarriageReturnFileWhoseHeaderOutrunsTheFirstBufferStopsNamingTheLineEnds() {
        String header =
                IntStream.range(0, 3000)
                        .mapToObj(i -> "column" + i)
                        .collect(Collectors.joining(","));

        assertThatThrownBy(() -> readAll(FileFormat.CSV, header + "\r1,2\r3,4\r"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage(
                        "cannot read the file at record 0 (line 1): the header row contains a carriage return that "
                                + "does not end the line; lines must end in LF or CRLF, or all in lone CRs");
    }

    @Test
    void aLineIsBlankWhenTrimmingLeavesNothingOfIt() throws Exception {
        // Blank lines follow the rule values are trimmed by: a line of control characters is
        // skipped as one of spaces
        // is; a line of U+2028 or U+3000, characters the values keep, is a row (here of one column
        // too few).
        List<ReadItem> items =
                readAll(
                        FileFormat.CSV,
                        "id,name\n1,Ann\n\u0000\u0001 \u001F\n\u2028\n\u3000\n2,Bob\n");

        assertThat(items).hasSize(4);
        assertThat(items.subList(1, 3))
                .extracting(item -> ((MalformedRecord) item).reason())
                .containsOnly("expected 2 columns, found 1");
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(2L, 4L, 5L, 6L);
    }

    @Test
    void emptyFileAndHeaderOnlyFileHaveNoRecords() throws Exception {
        assertThat(readAll(FileFormat.CSV, "")).isEmpty();
        assertThat(readAll(FileFormat.CSV, "\uFEFF \n\t\r\n")).isEmpty();
        assertThat(readAll(FileFormat.CSV, "id,name\n")).isEmpty();
    }

    @Test
    void overlongFieldIsRejectedAndReadingGoesOn() throws Exception {
        ReaderLimits limits = new ReaderLimits(10, 1000, 8, 100);
        String content =
                "id,text\n1," + "x".repeat(50) + "\n1,\"" + "x".repeat(50) + "\"\n2,short\n";

        List<ReadItem> items =
                readAll(FileFormat.CSV, content.getBytes(StandardCharsets.UTF_8), limits);

        assertThat(items.subList(0, 2))
                .extracting(item -> ((MalformedRecord) item).reason())
                .containsOnly("a value longer than 10 characters (processing.maxFieldChars)");
        assertThat(value(items.get(2), "text")).isEqualTo("short");
    }

    @Test
    void overlongRecordIsRejectedWithoutBeingHeldAndReadingGoesOn() throws Exception {
        ReaderLimits limits = new ReaderLimits(100, 100, 8, 100);
        String content = "id,text\n1," + "y,".repeat(5000) + "\n2,short\n";

        List<ReadItem> items =
                readAll(FileFormat.CSV, content.getBytes(StandardCharsets.UTF_8), limits);

        MalformedRecord tooLong = (MalformedRecord) items.get(0);
        assertThat(tooLong.reason()).isEqualTo("record longer than 100 characters");
        assertThat(tooLong.rawText()).hasSizeLessThanOrEqualTo(200);
        assertThat(value(items.get(1), "text")).isEqualTo("short");
        assertThat(items.get(1).lineNumber()).isEqualTo(3);
    }

    @Test
    void quotedValueRunningPastTheRecordLimitIsTakenAsUnclosed() throws Exception {
        ReaderLimits limits = new ReaderLimits(50, 60, 8, 100);
        StringBuilder content = new StringBuilder("id,text\n1,\"never closed\n");
        for (int i = 2; i < 30; i++) {
            content.append(i).append(",row ").append(i).append('\n');
        }

        List<ReadItem> items =
                readAll(
                        FileFormat.CSV,
                        content.toString().getBytes(StandardCharsets.UTF_8),
                        limits);

        assertThat(items.get(0)).isInstanceOf(MalformedRecord.class);
        assertThat(items).hasSize(29);
        assertThat(items.subList(1, 29)).allMatch(item -> item instanceof CsvRecord);
        assertThat(value(items.get(28), "text")).isEqualTo("row 29");
    }

    @Test
    void reportsAllBytesConsumedAtTheEnd() throws Exception {
        byte[] content = "id,name\n1,Ann\n2,Bob\n".getBytes(StandardCharsets.UTF_8);
        try (RecordReader reader =
                FileFormat.CSV.open(new ByteArrayInputStream(content), ReaderLimits.DEFAULTS)) {
            while (reader.next() != null) {
                assertThat(reader.bytesConsumed()).isBetween(1L, (long) content.length);
            }
            assertThat(reader.bytesConsumed()).isEqualTo(content.length);
        }
    }

    @Test
    void readsRecordsSpanningManyBufferRefills() throws Exception {
        StringBuilder content = new StringBuilder("id,text\n");
        for (int i = 0; i < 20_000; i++) {
            content.append(i).append(",\"value ").append(i).append(", with comma\"\n");
        }

        List<ReadItem> items = readAll(FileFormat.CSV, content.toString());

        assertThat(items).hasSize(20_000).allMatch(item -> item instanceof CsvRecord);
        assertThat(value(items.get(19_999), "text")).isEqualTo("value 19999, with comma");
        assertThat(items.get(19_999).lineNumber()).isEqualTo(20_001);
    }
}
