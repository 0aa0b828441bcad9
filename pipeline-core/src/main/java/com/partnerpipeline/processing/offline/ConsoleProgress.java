package com.partnerpipeline.processing.offline;

import com.partnerpipeline.processing.ProcessingProgress;
import com.partnerpipeline.processing.ProgressListener;
import java.io.PrintStream;

/** One progress line on a terminal, redrawn at most once a second. */
final class ConsoleProgress implements ProgressListener {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream terminal;
    private final long fileSize;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = startNanos;
    private boolean printed;

    ConsoleProgress(PrintStream terminal, long fileSize) {
        this.terminal = terminal;
        this.fileSize = fileSize;
    }

    @Override
    public void onProgress(ProcessingProgress progress) {
        long now = System.nanoTime();
        if (now - lastPrintNanos < INTERVAL_NANOS) {
            return;
        }
        lastPrintNanos = now;
        printed = true;
        double seconds = (now - startNanos) / 1e9;
        int percent =
                fileSize == 0 ? 100 : (int) Math.min(99, 100 * progress.bytesConsumed() / fileSize);
        terminal.printf(
                "\r%3d%% | %,d records | %,d valid | %,d rejected | %,.0f records/s   ",
                percent,
                progress.recordsRead(),
                progress.recordsValid(),
                progress.recordsRejected(),
                progress.recordsRead() / seconds);
        terminal.flush();
    }

    /** Moves off the progress line so the summary starts on a clean one. */
    void finish() {
        if (printed) {
            terminal.println();
        }
    }
}
