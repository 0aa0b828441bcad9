package com.partnerpipeline.formats;

import static com.partnerpipeline.formats.Records.readAll;
import static com.partnerpipeline.formats.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlRecordReaderTest {

    @Test
    void eachChildOfTheRootIsARecordWithAttributesAndElementsAsFields() throws Exception {
        List<ReadItem> items =
                readAll(
                        FileFormat.XML,
                        """
                <?xml version="1.0" encoding="UTF-8"?>
                <customers>
                  <customer id="1"><name>Ann</name><email/></customer>
                  <customer id="2">
                    <name>Bob &amp; Co</name>
                    <address><city>Lyon</city><geo lat="45.75"/></address>
                  </customer>
                </customers>
                """);

        assertThat(items).hasSize(2);
        assertThat(items).extracting(ReadItem::index).containsExactly(0L, 1L);
        assertThat(items).extracting(ReadItem::lineNumber).containsExactly(3L, 4L);
        assertThat(value(items.get(0), "id")).isEqualTo("1");
        assertThat(value(items.get(0), "name")).isEqualTo("Ann");
        assertThat(value(items.get(0), "email")).isEqualTo("");
        assertThat(value(items.get(1), "name")).isEqualTo("Bob & Co");
        assertThat(value(items.get(1), "address.city")).isEqualTo("Lyon");
        assertThat(value(items.get(1), "address.geo.lat")).isEqualTo("45.75");
    }

    @Test
    void elementWithAttributesKeepsItsTextAndRepeatedElementsBecomeAList() throws Exception {
        List<ReadItem> items =
                readAll(
                        FileFormat.XML,
                        "<r><item><price currency=\"EUR\">10.50</price><tag>a</tag><tag>b</tag><note><![CDATA[x < y]]></note></item></r>");

        assertThat(value(items.get(0), "price")).isEqualTo("10.50");
        assertThat(value(items.get(0), "price.currency")).isEqualTo("EUR");
        assertThat(value(items.get(0), "tag")).isEqualTo(List.of("a", "b"));
        assertThat(value(items.get(0), "note")).isEqualTo("x < y");
    }

    @Test
    void textSplitByCommentsProcessingInstructionsAndCdataIsJoinedWhole() throws Exception {
        List<ReadItem> items =
                readAll(
                        FileFormat.XML,
                        "<r><item><a>x<!-- c -->y<?pi?>z<![CDATA[<w>]]>v</a><b>"
                                + "1<!---->".repeat(100_000)
                                + "</b></item></r>");

        assertThat(value(items.get(0), "a")).isEqualTo("xyz<w>v");
        assertThat(value(items.get(0), "b")).isEqualTo("1".repeat(100_000));
    }

    @Test
    void valuesOverTheFieldLimitStopTheFileHoweverTheyAreWritten() throws Exception {
        // Found by ReaderFuzzTest: Woodstox let a CDATA section of 94 characters through a limit of
        // 32
        ReaderLimits limits = new ReaderLimits(32, 1000, 8, 100);
        String ok = "<item><a>ok</a></item>";
        for (String value :
                List.of(
                        "<a><![CDATA[" + "x".repeat(33) + "]]></a>",
                        "<a>" + "x<!---->".repeat(33) + "</a>",
                        "<a>" + "x".repeat(20) + "<![CDATA[" + "y".repeat(20) + "]]></a>",
                        "<a b=\"" + "x".repeat(33) + "\"/>")) {
            byte[] content =
                    ("<r>" + ok + "<item>" + value + "</item></r>")
                            .getBytes(StandardCharsets.UTF_8);
            List<ReadItem> before = new java.util.ArrayList<>();
            UnreadableFileException error = null;
            try (RecordReader reader = Records.open(FileFormat.XML, content, limits)) {
                for (ReadItem item = reader.next(); item != null; item = reader.next()) {
                    before.add(item);
                }
            } catch (UnreadableFileException e) {
                error = e;
            }

            assertThat(before).as(value).hasSize(1);
            assertThat(error).as(value).isNotNull();
            assertThat(error.reason())
                    .as(value)
                    .isEqualTo("a value longer than 32 characters (processing.maxFieldChars)");
        }
    }

    @Test
    void refusesDoctypeSoNoExternalEntityIsEverRead() throws Exception {
        String xxe =
                """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <r><item><name>&xxe;</name></item></r>
                """;

        Records.Failure failure =
                Records.readUntilFailure(FileFormat.XML, xxe.getBytes(StandardCharsets.UTF_8));

        assertThat(failure.before()).isEmpty();
        assertThat(failure.error().reason()).contains("DOCTYPE declarations are not allowed");
    }

    @Test
    void refusesEntityExpansionBomb() throws Exception {
        String bomb =
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                        + "<lolz><item>&lol2;</item></lolz>";

        Records.Failure failure =
                Records.readUntilFailure(FileFormat.XML, bomb.getBytes(StandardCharsets.UTF_8));

        assertThat(failure.error().reason()).contains("DOCTYPE");
    }

    @Test
    void undeclaredEntityStopsTheFile() throws Exception {
        Records.Failure failure =
                Records.readUntilFailure(
                        FileFormat.XML,
                        "<r><item><a>1</a></item><item><a>&xxe;</a></item></r>"
                                .getBytes(StandardCharsets.UTF_8));

        assertThat(failure.before()).hasSize(1);
        assertThat(failure.error().reason()).startsWith("invalid XML").contains("xxe");
    }

    @Test
    void brokenXmlStopsTheFileNamingLineAndColumnAfterTheRecordsBeforeIt() throws Exception {
        String broken =
                "<r>\n<item><a>1</a></item>\n<item><a>2</b></item>\n<item><a>3</a></item>\n</r>";

        Records.Failure failure =
                Records.readUntilFailure(FileFormat.XML, broken.getBytes(StandardCharsets.UTF_8));

        assertThat(failure.before()).extracting(item -> value(item, "a")).containsExactly("1");
        assertThat(failure.error().recordIndex()).isEqualTo(1);
        assertThat(failure.error().line()).isEqualTo(3);
        assertThat(failure.error().column()).isGreaterThan(1);
        assertThat(failure.error().reason()).startsWith("invalid XML");
    }

    @Test
    void truncatedDocumentStopsTheFile() throws Exception {
        Records.Failure failure =
                Records.readUntilFailure(
                        FileFormat.XML,
                        "<r><item><a>1</a></item><item><a>2".getBytes(StandardCharsets.UTF_8));

        assertThat(failure.before()).hasSize(1);
        assertThat(failure.error().reason()).contains("EOF");
    }

    @Test
    void invalidUtf8StopsTheFile() throws Exception {
        byte[] content =
                "<r><item><a>1</a></item><item><a>B\u00FFob</a></item></r>"
                        .getBytes(StandardCharsets.ISO_8859_1);

        Records.Failure failure = Records.readUntilFailure(FileFormat.XML, content);

        assertThat(failure.error().reason()).containsIgnoringCase("UTF-8");
    }

    @Test
    void nestingDeeperThanTheLimitStopsTheFile() throws Exception {
        String deep = "<r><item>" + "<a>".repeat(100) + "</a>".repeat(100) + "</item></r>";

        Records.Failure failure =
                Records.readUntilFailure(FileFormat.XML, deep.getBytes(StandardCharsets.UTF_8));

        assertThat(failure.error().reason())
                .isEqualTo("nesting deeper than 64 levels (processing.maxDepth)");
    }

    @Test
    void valuesAndAttributesOverTheParserLimitsStopTheFileWordedForThePartner() throws Exception {
        ReaderLimits limits = new ReaderLimits(10, 1000, 8, 3);
        String attributes = "<r><x a='1' b='2' c='3' d='4'/></r>";

        assertThat(
                        Records.readUntilFailure(
                                        FileFormat.XML,
                                        "<r><x><a>12345678901</a></x></r>"
                                                .getBytes(StandardCharsets.UTF_8),
                                        limits)
                                .error()
                                .reason())
                .isEqualTo("a value longer than 10 characters (processing.maxFieldChars)");
        assertThat(
                        Records.readUntilFailure(
                                        FileFormat.XML,
                                        "<r><x a='12345678901'/></r>"
                                                .getBytes(StandardCharsets.UTF_8),
                                        limits)
                                .error()
                                .reason())
                .isEqualTo("a value longer than 10 characters (processing.maxFieldChars)");
        assertThat(
                        Records.readUntilFailure(
                                        FileFormat.XML,
                                        attributes.getBytes(StandardCharsets.UTF_8),
                                        limits)
                                .error()
                                .reason())
                .isEqualTo("an element has more than 3 attributes (processing.maxFields)");
    }

    @Test
    void recordLargerThanTheLimitIsMalformedAndReadingGoesOn() throws Exception {
        ReaderLimits limits = new ReaderLimits(100, 100, 8, 1000);
        String content =
                "<r><item>" + "<a>0123456789</a>".repeat(20) + "</item><item><a>ok</a></item></r>";

        List<ReadItem> items =
                readAll(FileFormat.XML, content.getBytes(StandardCharsets.UTF_8), limits);

        assertThat(((MalformedRecord) items.get(0)).reason())
                .isEqualTo("record longer than 100 characters");
        assertThat(value(items.get(1), "a")).isEqualTo("ok");
    }

    @Test
    void namesCountTowardTheRecordAndANameLongerThanAnyValueRejectsTheRecord() throws Exception {
        ReaderLimits limits = new ReaderLimits(32, 100, 8, 1000);
        String longNames =
                "<item "
                        + "a".repeat(30)
                        + "=\"1\"><"
                        + "b".repeat(30)
                        + "/><"
                        + "c".repeat(30)
                        + "/><"
                        + "d".repeat(30)
                        + "/></item>";
        String content =
                "<r><item><a>1</a></item>"
                        + longNames
                        + "<item "
                        + "n".repeat(33)
                        + "=\"x\"/><"
                        + "e".repeat(33)
                        + "/><item><a>ok</a></item></r>";

        List<ReadItem> items =
                readAll(FileFormat.XML, content.getBytes(StandardCharsets.UTF_8), limits);

        assertThat(items).hasSize(5);
        assertThat(((MalformedRecord) items.get(1)).reason())
                .isEqualTo("record longer than 100 characters");
        assertThat(((MalformedRecord) items.get(2)).reason())
                .isEqualTo("a name longer than 32 characters (processing.maxFieldChars)");
        assertThat(((MalformedRecord) items.get(3)).reason())
                .isEqualTo("a name longer than 32 characters (processing.maxFieldChars)");
        assertThat(((MalformedRecord) items.get(3)).rawText()).hasSizeLessThan(110);
        assertThat(value(items.get(4), "a")).isEqualTo("ok");
    }

    @Test
    void aTagLongerThanTheRecordLimitStopsTheFileAfterTheRecordsBeforeIt() throws Exception {
        ReaderLimits limits = new ReaderLimits(32, 100, 8, 1000);
        for (String tag :
                List.of(
                        "<" + "a".repeat(200) + "/>",
                        "<a x=\">\" " + "b".repeat(200) + "=\"1\"/>",
                        "<?pi "
                                + "x".repeat(200)
                                + "?>")) { // a comment that long is stopped by Woodstox's text
            // limit first
            String content =
                    "<r>\n<item><a>1</a></item>\n<item>" + tag + "</item><item><a>3</a></item></r>";

            Records.Failure failure =
                    Records.readUntilFailure(
                            FileFormat.XML, content.getBytes(StandardCharsets.UTF_8), limits);

            assertThat(failure.before()).as(tag).hasSize(1);
            assertThat(failure.error().recordIndex()).as(tag).isEqualTo(1);
            assertThat(failure.error().line()).as(tag).isEqualTo(3);
            assertThat(failure.error().reason())
                    .as(tag)
                    .isEqualTo("a tag longer than 100 characters (processing.maxRecordChars)");
        }
    }

    @Test
    void aTagOfExactlyTheRecordLimitIsParsed() throws Exception {
        ReaderLimits limits = new ReaderLimits(32, 100, 8, 1000);
        String hundred =
                "<"
                        + "a".repeat(97)
                        + "/>"; // its name too long for a field: the record is rejected, not the
        // file
        String content =
                "<r><item>"
                        + hundred
                        + "</item><item><a x='"
                        + "y".repeat(30)
                        + "' z=\""
                        + "w".repeat(30)
                        + "\"/></item></r>";

        List<ReadItem> items =
                readAll(FileFormat.XML, content.getBytes(StandardCharsets.UTF_8), limits);

        assertThat(items).hasSize(2);
        assertThat(((MalformedRecord) items.get(0)).reason())
                .isEqualTo("a name longer than 32 characters (processing.maxFieldChars)");
        assertThat(value(items.get(1), "a.z")).isEqualTo("w".repeat(30));
        assertThat(
                        Records.readUntilFailure(
                                        FileFormat.XML,
                                        content.replace("<a", "<aa")
                                                .getBytes(StandardCharsets.UTF_8),
                                        limits)
                                .error()
                                .reason())
                .isEqualTo("a tag longer than 100 characters (processing.maxRecordChars)");
    }

    @Test
    void quotesInCommentsCdataAndTextDoNotLengthenTheTagCount() throws Exception {
        ReaderLimits limits = new ReaderLimits(32, 100, 8, 1000);
        String record =
                "<item><!-- it's --><a>Bob's</a><b><![CDATA[it's \" > <]]></b><c x=\"it's\" y='\"'>1 > 0</c></item>";

        List<ReadItem> items =
                readAll(
                        FileFormat.XML,
                        ("<r>" + record.repeat(50) + "</r>").getBytes(StandardCharsets.UTF_8),
                        limits);

        assertThat(items).hasSize(50).allMatch(SourceRecord.class::isInstance);
        assertThat(value(items.get(49), "b")).isEqualTo("it's \" > <");
    }

    @Test
    void invalidUtf8StopsTheFileAtItsRecordAfterEveryRecordBeforeIt() throws Exception {
        String before = "<r>\n" + "<item><a>1</a></item>\n".repeat(500);
        byte[] bad = "<item><a>B\u00FFob</a></item></r>".getBytes(StandardCharsets.ISO_8859_1);
        byte[] content =
                java.util.Arrays.copyOf(
                        before.getBytes(StandardCharsets.UTF_8), before.length() + bad.length);
        System.arraycopy(bad, 0, content, before.length(), bad.length);

        Records.Failure failure = Records.readUntilFailure(FileFormat.XML, content);

        assertThat(failure.before()).hasSize(500);
        assertThat(failure.error().recordIndex()).isEqualTo(500);
        assertThat(failure.error().line()).isEqualTo(502);
        assertThat(failure.error().reason()).isEqualTo("invalid UTF-8 byte sequence");
    }

    @Test
    void aDeclaredEncodingOtherThanUtf8IsStillDecodedInIt() throws Exception {
        byte[] content =
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><item><a>Andr\u00E9</a></item></r>"
                        .getBytes(StandardCharsets.ISO_8859_1);

        List<ReadItem> items = readAll(FileFormat.XML, content, ReaderLimits.DEFAULTS);

        assertThat(value(items.get(0), "a")).isEqualTo("Andr\u00E9");
        assertThat(
                        Records.readUntilFailure(
                                        FileFormat.XML,
                                        "<?xml version='1.0' encoding='x-nonsense'?><r/>"
                                                .getBytes(StandardCharsets.US_ASCII))
                                .error()
                                .reason())
                .contains("unsupported encoding 'x-nonsense'");
    }

    @Test
    void emptyFileAndEmptyRootHaveNoRecords() throws Exception {
        assertThat(readAll(FileFormat.XML, "")).isEmpty();
        assertThat(readAll(FileFormat.XML, "\uFEFF \n\t\r\n")).isEmpty();
        assertThat(readAll(FileFormat.XML, "<customers/>")).isEmpty();
        assertThat(readAll(FileFormat.XML, "<?xml version=\"1.0\"?>\n<customers>\n</customers>\n"))
                .isEmpty();
    }
}
