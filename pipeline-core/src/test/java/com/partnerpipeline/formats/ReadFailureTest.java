package com.partnerpipeline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The input itself fails mid-file (a disk error): every reader says so in the same words, whatever
 * its parser.
 */
class ReadFailureTest {
    @TempDir Path dir;

    /**
     * The first records, then a read that the operating system refuses: reading a directory fails
     * with EISDIR.
     */
    private InputStream failingAfter(String content) throws Exception {
        return new SequenceInputStream(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                Files.newInputStream(dir));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CSV  | id\\n1\\n2",
                "JSON | [{\"id\": 1}, {\"id\": 2",
                "JSON | {\"id\": 1}\\n{\"id\": 2",
                "XML  | <r><x><id>1</id></x><x><id>2"
            })
    void aReadErrorIsReportedAsSuchAfterTheRecordsBeforeIt(FileFormat format, String content)
            throws Exception {
        List<ReadItem> read = new ArrayList<>();
        UnreadableFileException error;
        try (RecordReader reader =
                format.open(failingAfter(content.replace("\\n", "\n")), ReaderLimits.DEFAULTS)) {
            error =
                    catchThrowableOfType(
                            UnreadableFileException.class,
                            () -> {
                                for (ReadItem item = reader.next();
                                        item != null;
                                        item = reader.next()) {
                                    read.add(item);
                                }
                            });
        }

        assertThat(error).as("the reader read on to the end").isNotNull();
        assertThat(error.reason()).isEqualTo("read error: Is a directory");
        assertThat(read).isNotEmpty();
        assertThat(String.valueOf(Records.value(read.get(0), "id"))).isEqualTo("1");
    }
}
