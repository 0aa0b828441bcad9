import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline: a bare univocity parse of a CSV file (no validation, no output), records/s on stdout.
 *   java -cp pipeline-app/target/pipeline-app.jar bench/BareParse.java FILE
 */
public class BareParse {
    public static void main(String[] args) throws Exception {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setMaxCharsPerColumn(1 << 20);
        long start = System.nanoTime();
        long rows = 0;
        CsvParser parser = new CsvParser(settings);
        try (var in = new InputStreamReader(Files.newInputStream(Path.of(args[0])), StandardCharsets.UTF_8)) {
            parser.beginParsing(in);
            while (parser.parseNext() != null) {
                rows++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("{\"records\": %d, \"seconds\": %.3f, \"recordsPerSecond\": %.0f}%n", rows, seconds, rows / seconds);
    }
}
