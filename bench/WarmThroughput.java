import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.formats.ReaderLimits;
import com.partnerpipeline.formats.RecordReader;
import com.partnerpipeline.processing.ProcessingOptions;
import com.partnerpipeline.processing.ProcessingResult;
import com.partnerpipeline.processing.ProgressListener;
import com.partnerpipeline.processing.RecordProcessor;
import com.partnerpipeline.schema.CompiledSchema;
import com.partnerpipeline.schema.SchemaFile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Steady-state engine throughput, once the JIT has compiled the hot paths: the processing loop (discarding sink)
 * over the same file several times in one JVM, with 1, 2 and 3 evaluation threads, next to the read-only rate.
 *
 *   java -Xmx256m -XX:+UseParallelGC -cp pipeline-app/target/pipeline-app.jar bench/WarmThroughput.java FILE SCHEMA [ROUNDS]
 */
public class WarmThroughput {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        CompiledSchema schema = SchemaFile.read(Path.of(args[1])).compile();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        FileFormat format = FileFormat.fromFileName(file.toString()).orElseThrow();
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            long start = System.nanoTime();
            long records = 0;
            try (RecordReader reader = format.open(Files.newInputStream(file), ReaderLimits.DEFAULTS)) {
                while (reader.next() != null) {
                    records++;
                }
            }
            line.append(String.format(" read only %,.0f/s |", records / ((System.nanoTime() - start) / 1e9)));
            for (int threads = 1; threads <= 3; threads++) {
                try (RecordReader reader = format.open(Files.newInputStream(file), ReaderLimits.DEFAULTS)) {
                    ProcessingResult result = new RecordProcessor(new ProcessingOptions(100, 0, threads))
                            .process(reader, schema, batch -> { }, ProgressListener.NONE, () -> false);
                    line.append(String.format(" %d thread%s %,.0f/s", threads, threads == 1 ? "" : "s", result.recordsPerSecond()));
                }
            }
            System.out.println(line);
        }
    }
}
