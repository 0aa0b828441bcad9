package com.partnerpipeline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path for rows without quotes must give exactly what univocity gives with the reader's
 * settings.
 */
class PlainCsvSplitterTest {
    private static final String ALPHABET = "ab ,\t'x1é-\u00A0;|\\";

    private static CsvParser univocity() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.setIgnoreLeadingWhitespaces(true);
        settings.setIgnoreTrailingWhitespaces(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
        return new CsvParser(settings);
    }

    @Test
    void agreesWithUnivocityOnRandomRowsWithoutQuotes() throws Exception {
        CsvParser reference = univocity();
        PlainCsvSplitter splitter = new PlainCsvSplitter(ReaderLimits.DEFAULTS);
        SplittableRandom random = new SplittableRandom(42);
        for (int row = 0; row < 20_000; row++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(0, 30);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (text.toString().isBlank()) {
                continue; // blank lines never reach the splitter
            }
            String line = text.append('\n').toString();
            assertThat(splitter.split(line))
                    .as("row %s", line)
                    .containsExactly(reference.parseLine(line));
        }
    }

    @Test
    void enforcesTheLimits() {
        PlainCsvSplitter splitter = new PlainCsvSplitter(new ReaderLimits(3, 100, 8, 2));

        assertThatThrownBy(() -> splitter.split("a,b,c\n"))
                .hasMessage("more than 2 columns (processing.maxFields)");
        assertThatThrownBy(() -> splitter.split("abcd,b\n"))
                .hasMessage("a value longer than 3 characters (processing.maxFieldChars)");
    }
}
