package com.partnerpipeline.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.formats.FileFormat.Detection;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FileFormat is the one place that knows the formats: extensions, the accepted-files text,
 * detection, readers.
 */
class FileFormatTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Detection detect(String name, String head) {
        byte[] bytes = bytes(head);
        return FileFormat.detect(name, bytes, bytes.length);
    }

    @Test
    void eachFormatDeclaresItsExtensions() {
        assertThat(FileFormat.CSV.extensions()).containsExactly(".csv");
        assertThat(FileFormat.JSON.extensions()).containsExactly(".json", ".jsonl", ".ndjson");
        assertThat(FileFormat.XML.extensions()).containsExactly(".xml");
    }

    @Test
    void everyExtensionMapsToItsFormatWhateverItsCase() {
        for (FileFormat format : FileFormat.values()) {
            for (String extension : format.extensions()) {
                assertThat(FileFormat.fromFileName("data" + extension))
                        .as(extension)
                        .contains(format);
                assertThat(FileFormat.fromFileName("DATA" + extension.toUpperCase(Locale.ROOT)))
                        .as(extension)
                        .contains(format);
                assertThat(FileFormat.fromFileName("Orders.2024" + mixedCase(extension)))
                        .as(extension)
                        .contains(format);
            }
        }
    }

    private static String mixedCase(String text) {
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
        }
        return mixed.toString();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"notes.txt", "data.csv.gz", "data", "csv", "data.jsonx", "data.xml.bak", ""})
    void otherNamesNameNoFormat(String name) {
        assertThat(FileFormat.fromFileName(name)).isEmpty();
    }

    @Test
    void theListOfAcceptedFilesIsComputedFromTheEntries() {
        assertThat(FileFormat.extensionList()).isEqualTo(".csv, .json, .jsonl, .ndjson or .xml");
        assertThat(FileFormat.acceptedFiles())
                .isEqualTo("a .csv, .json, .jsonl, .ndjson or .xml file");
        List<String> all =
                Arrays.stream(FileFormat.values())
                        .flatMap(format -> format.extensions().stream())
                        .toList();
        for (String extension : all) {
            assertThat(FileFormat.extensionList()).contains(extension);
        }
        assertThat(FileFormat.extensionList().split(", | or ")).containsExactlyElementsOf(all);
    }

    @Test
    void aKnownExtensionWithContentToMatchIsKnown() {
        assertThat(detect("customers.csv", "id,name\n1,Ann\n"))
                .isEqualTo(new Detection.Known(FileFormat.CSV));
        assertThat(detect("orders.json", "[{\"id\": 1}]"))
                .isEqualTo(new Detection.Known(FileFormat.JSON));
        assertThat(detect("orders.JSONL", "{\"id\": 1}\n{\"id\": 2}\n"))
                .isEqualTo(new Detection.Known(FileFormat.JSON));
        assertThat(detect("orders.ndjson", "{\"id\": 1}\n"))
                .isEqualTo(new Detection.Known(FileFormat.JSON));
        assertThat(detect("feed.xml", "<?xml version=\"1.0\"?><records/>"))
                .isEqualTo(new Detection.Known(FileFormat.XML));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "data.csv|<records/>|CSV",
                "data.csv|{\"id\": 1}|CSV",
                "data.csv|[1]|CSV",
                "data.json|id,name|JSON",
                "data.jsonl|<a/>|JSON",
                "data.xml|id,name|XML",
                "data.xml|{}|XML"
            })
    void contentThatDoesNotLookLikeTheNamedFormatIsAMismatch(
            String name, String head, FileFormat named) {
        Detection detection = detect(name, head);
        assertThat(detection).isEqualTo(new Detection.ContentMismatch(name, named));
        Detection.ContentMismatch mismatch = (Detection.ContentMismatch) detection;
        assertThat(mismatch.message())
                .isEqualTo(
                        name
                                + " is named as "
                                + named
                                + " but its content does not look like "
                                + named);
        assertThat(mismatch.message("the file"))
                .isEqualTo(
                        "the file is named as "
                                + named
                                + " but its content does not look like "
                                + named);
    }

    @Test
    void aNulFirstByteIsNoCsv() {
        byte[] head = {0, 'a', ','};
        assertThat(FileFormat.detect("data.csv", head, head.length))
                .isEqualTo(new Detection.ContentMismatch("data.csv", FileFormat.CSV));
        assertThat(FileFormat.guessFromContent(head, head.length)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"id\": 1}]|JSON",
                "{\"id\": 1}|JSON",
                "<records/>|XML",
                "<?xml version=\"1.0\"?>|XML",
                "id,name|CSV",
                "\"quoted\",header|CSV"
            })
    void anUnknownExtensionIsGuessedByContent(String head, FileFormat expected) {
        Detection detection = detect("upload.txt", head);
        assertThat(detection)
                .isEqualTo(new Detection.UnknownExtension("upload.txt", Optional.of(expected)));
        assertThat(FileFormat.guessFromContent(bytes(head), bytes(head).length)).contains(expected);
    }

    @Test
    void anUnknownExtensionSaysSoInTheCallersWords() {
        Detection.UnknownExtension unknown =
                new Detection.UnknownExtension("notes.txt", Optional.empty());
        assertThat(unknown.unsupported())
                .isEqualTo(
                        "unsupported file type 'notes.txt': upload a .csv, .json, .jsonl, .ndjson or .xml file");
        assertThat(unknown.undetectable())
                .isEqualTo(
                        "cannot tell the format of notes.txt: use a .csv, .json, .jsonl, .ndjson or .xml file");
    }

    @Test
    void aByteOrderMarkAndLeadingWhitespaceAreSkipped() {
        String bom = "\uFEFF";
        assertThat(detect("a.json", bom + " \t\r\n[1]"))
                .isEqualTo(new Detection.Known(FileFormat.JSON));
        assertThat(detect("a.xml", bom + "\n\n  <a/>"))
                .isEqualTo(new Detection.Known(FileFormat.XML));
        assertThat(detect("a.csv", bom + "  id,name"))
                .isEqualTo(new Detection.Known(FileFormat.CSV));
        assertThat(detect("a.csv", bom + "\n<a/>"))
                .isEqualTo(new Detection.ContentMismatch("a.csv", FileFormat.CSV));
        assertThat(detect("a", bom + "\r\n {\"id\": 1}"))
                .isEqualTo(new Detection.UnknownExtension("a", Optional.of(FileFormat.JSON)));
        assertThat(detect("a", "\t<a/>"))
                .isEqualTo(new Detection.UnknownExtension("a", Optional.of(FileFormat.XML)));
    }

    @Test
    void onlyTheFirstLengthBytesCount() {
        byte[] head = bytes("  [1]");
        assertThat(FileFormat.CSV.matchesContent(head, 2)).isTrue(); // blank so far
        assertThat(FileFormat.CSV.matchesContent(head, head.length)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\r\t ", "\uFEFF", "\uFEFF  \n"})
    void anEmptyOrBlankHeadMatchesEveryFormatAndIsGuessedAsJson(String head) {
        byte[] bytes = bytes(head);
        for (FileFormat format : FileFormat.values()) {
            assertThat(format.matchesContent(bytes, bytes.length)).as(format.name()).isTrue();
            String name = "empty" + format.extensions().get(0);
            assertThat(FileFormat.detect(name, bytes, bytes.length))
                    .isEqualTo(new Detection.Known(format));
        }
        assertThat(FileFormat.detect("empty", bytes, bytes.length))
                .isEqualTo(new Detection.UnknownExtension("empty", Optional.of(FileFormat.JSON)));
    }

    @Test
    void eachFormatOpensItsReader() throws Exception {
        try (RecordReader csv =
                        FileFormat.CSV.open(
                                new ByteArrayInputStream(bytes("id\n1\n")), ReaderLimits.DEFAULTS);
                RecordReader array =
                        FileFormat.JSON.open(
                                new ByteArrayInputStream(bytes("  [{\"id\": 1}]")),
                                ReaderLimits.DEFAULTS);
                RecordReader lines =
                        FileFormat.JSON.open(
                                new ByteArrayInputStream(bytes("{\"id\": 1}\n")),
                                ReaderLimits.DEFAULTS);
                RecordReader xml =
                        FileFormat.XML.open(
                                new ByteArrayInputStream(
                                        bytes("\n<r><record><id>1</id></record></r>")),
                                ReaderLimits.DEFAULTS)) {
            assertThat(csv).isInstanceOf(CsvRecordReader.class);
            assertThat(array).isInstanceOf(JsonArrayReader.class);
            assertThat(lines).isInstanceOf(JsonLinesReader.class);
            assertThat(xml).isInstanceOf(XmlRecordReader.class);
        }
    }
}
