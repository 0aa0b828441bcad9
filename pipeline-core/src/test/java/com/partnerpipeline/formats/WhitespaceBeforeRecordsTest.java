package com.partnerpipeline.formats;

import static com.partnerpipeline.formats.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whitespace is no record, however much of it there is: before the first record, as a blank line,
 * after a byte order mark. It counts against no limit, is never held in memory, and the records
 * after it keep the file's line numbers.
 */
class WhitespaceBeforeRecordsTest {
    private static final long FIFTY_MB = 50L << 20;
    private static final String BOM = "\uFEFF";

    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the parts one after the other, and checks that the reader consumed all of them. */
    private static List<ReadItem> read(FileFormat format, InputStream... parts) throws Exception {
        List<ReadItem> items = new ArrayList<>();
        try (RecordReader reader =
                format.open(
                        new SequenceInputStream(Collections.enumeration(List.of(parts))),
                        ReaderLimits.DEFAULTS)) {
            for (ReadItem item = reader.next(); item != null; item = reader.next()) {
                items.add(item);
            }
            assertThat(reader.bytesConsumed()).isGreaterThan(FIFTY_MB);
        }
        return items;
    }

    private static void assertRecords(List<ReadItem> items, Object... ids) {
        assertThat(items)
                .allSatisfy(item -> assertThat(item).isNotInstanceOf(MalformedRecord.class));
        assertThat(items)
                .extracting(item -> String.valueOf(value(item, "id")))
                .containsExactly(List.of(ids).stream().map(String::valueOf).toArray(String[]::new));
    }

    @Test
    void jsonArrayAfter50MbOfSpacesIsItsRecords() throws Exception {
        List<ReadItem> items =
                read(
                        FileFormat.JSON,
                        new RepeatedBytes(" ", FIFTY_MB),
                        text("[{\"id\": 1}, {\"id\": 2}]"));

        assertRecords(items, 1, 2);
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(1L, 1L);
    }

    @Test
    void jsonArrayAfter50MbOfBlankLinesKeepsTheFilesLineNumbers() throws Exception {
        List<ReadItem> items =
                read(
                        FileFormat.JSON,
                        new RepeatedBytes("\r\n", FIFTY_MB),
                        text("[\n{\"id\": 1}\n]\n"));

        assertRecords(items, 1);
        assertThat(items.get(0).lineNumber()).isEqualTo(FIFTY_MB / 2 + 2);
    }

    @Test
    void jsonAfterAByteOrderMarkAndWhitespaceIsRead() throws Exception {
        assertRecords(Records.readAll(FileFormat.JSON, BOM + " \n\t [{\"id\": 1}]"), 1);
        assertRecords(Records.readAll(FileFormat.JSON, BOM + " \n\t {\"id\": 1}\n"), 1);
    }

    @Test
    void anErrorAfterSkippedWhitespaceIsPlacedWhereItIsInTheFile() throws Exception {
        String broken = "[{\"id\": 1}, {\"id\" 2}]";
        UnreadableFileException plain =
                Records.readUntilFailure(FileFormat.JSON, broken.getBytes(StandardCharsets.UTF_8))
                        .error();

        UnreadableFileException skipped =
                Records.readUntilFailure(
                                FileFormat.JSON,
                                ("\n\n   " + broken).getBytes(StandardCharsets.UTF_8))
                        .error();

        assertThat(plain.line()).isEqualTo(1);
        assertThat(skipped.line()).isEqualTo(3);
        assertThat(skipped.column()).isEqualTo(plain.column() + 3);
    }

    @Test
    void jsonLinesAfter50MbOfSpacesAreTheirRecords() throws Exception {
        List<ReadItem> items =
                read(
                        FileFormat.JSON,
                        new RepeatedBytes(" ", FIFTY_MB),
                        text("{\"id\": 1}\n{\"id\": 2}\n"));

        assertRecords(items, 1, 2);
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(1L, 2L);
    }

    @Test
    void aJsonLineOf50MbOfSpacesIsABlankLineNotARecord() throws Exception {
        List<ReadItem> items =
                read(
                        FileFormat.JSON,
                        text("{\"id\": 1}\n"),
                        new RepeatedBytes(" \t", FIFTY_MB),
                        text("\n{\"id\": 2}\n"));

        assertRecords(items, 1, 2);
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(1L, 3L);
    }

    @Test
    void xmlAfter50MbOfBlankLinesKeepsTheFilesLineNumbers() throws Exception {
        List<ReadItem> items =
                read(
                        FileFormat.XML,
                        new RepeatedBytes("\n", FIFTY_MB),
                        text("<r>\n<x><id>1</id></x></r>"));

        assertRecords(items, 1);
        assertThat(items.get(0).lineNumber()).isEqualTo(FIFTY_MB + 2);
    }

    @Test
    void xmlDeclarationAfterAByteOrderMarkAndWhitespaceIsRead() throws Exception {
        List<ReadItem> items =
                Records.readAll(
                        FileFormat.XML,
                        BOM
                                + "\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r><x><id>1</id></x></r>");

        assertRecords(items, 1);
        assertThat(items.get(0).lineNumber()).isEqualTo(3);
    }

    @Test
    void csvHeaderAfter50MbOfSpacesIsTheHeader() throws Exception {
        List<ReadItem> items =
                read(FileFormat.CSV, new RepeatedBytes(" ", FIFTY_MB), text("id,name\n1,Ann\n"));

        assertRecords(items, 1);
        assertThat(((CsvRecord) items.get(0)).header().names()).containsExactly("id", "name");
        assertThat(items.get(0).lineNumber()).isEqualTo(2);
    }

    @Test
    void csvHeaderAfter50MbOfBlankLinesKeepsTheFilesLineNumbers() throws Exception {
        List<ReadItem> items =
                read(
                        FileFormat.CSV,
                        text(BOM),
                        new RepeatedBytes(" \r\n", FIFTY_MB - 2),
                        text("id\n1\n"));

        assertRecords(items, 1);
        assertThat(items.get(0).lineNumber()).isEqualTo((FIFTY_MB - 2) / 3 + 2);
    }

    @Test
    void aCsvLineOf50MbOfSpacesIsABlankLineNotARecord() throws Exception {
        List<ReadItem> items =
                read(
                        FileFormat.CSV,
                        text("id\n1\n"),
                        new RepeatedBytes(" ", FIFTY_MB),
                        text("\n2\n"));

        assertRecords(items, 1, 2);
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(2L, 4L);
    }
}
