package com.partnerpipeline.cli.output;

import java.util.Locale;

/** Numbers, sizes and durations as people read them. */
public final class Format {
    private Format() {}

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    public static String bytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0
                ? String.format(Locale.ROOT, "%.0f B", bytes)
                : String.format(Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }

    public static String seconds(double seconds) {
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + " s";
        }
        return whole < 3600
                ? String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60)
                : String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }
}
