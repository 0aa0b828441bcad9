package com.partnerpipeline.cli.output;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr, so stdout keeps only results: a progress bar on a terminal, and plain lines
 * at most every {@link #LINE_INTERVAL} otherwise (a CI log, a file), which a bar's carriage returns
 * would garble.
 */
public interface ProgressDisplay extends AutoCloseable {
    Duration LINE_INTERVAL = Duration.ofSeconds(2);

    /**
     * @param current how far, out of the maximum given at creation; {@code detail} says the rest in
     *     words
     */
    void update(long current, String detail);

    @Override
    void close();

    /**
     * A bar when {@code terminal}, else lines. {@code unitName}/{@code unitSize} scale the bar's
     * numbers (MiB, %); {@code speed} adds the rate in those units.
     */
    static ProgressDisplay create(
            boolean terminal,
            PrintStream err,
            String task,
            long max,
            String unitName,
            long unitSize,
            boolean speed) {
        if (!terminal) {
            return new Lines(err, task);
        }
        ProgressBarBuilder builder =
                new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(max)
                        .setUnit(unitName, unitSize)
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                        .setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(err));
        ProgressBar bar = (speed ? builder.showSpeed() : builder).build();
        return new ProgressDisplay() {
            @Override
            public void update(long current, String detail) {
                bar.stepTo(current);
                bar.setExtraMessage(detail);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** Plain periodic lines. */
    final class Lines implements ProgressDisplay {
        private final PrintStream err;
        private final String task;
        private long lastLine = System.nanoTime() - LINE_INTERVAL.toNanos();

        Lines(PrintStream err, String task) {
            this.err = err;
            this.task = task;
        }

        @Override
        public void update(long current, String detail) {
            long now = System.nanoTime();
            if (now - lastLine >= LINE_INTERVAL.toNanos()) {
                lastLine = now;
                err.println(task + ": " + detail);
            }
        }

        @Override
        public void close() {}
    }
}
