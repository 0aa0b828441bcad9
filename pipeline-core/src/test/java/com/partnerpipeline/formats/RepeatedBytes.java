package com.partnerpipeline.formats;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code length} bytes of a pattern repeated, made as they are read: a 50 MB test input never
 * exists in memory.
 */
final class RepeatedBytes extends InputStream {
    private final byte[] pattern;
    private final long length;
    private long position;

    RepeatedBytes(String pattern, long length) {
        this.pattern = pattern.getBytes(StandardCharsets.UTF_8);
        this.length = length;
    }

    @Override
    public int read() {
        return position < length ? pattern[(int) (position++ % pattern.length)] : -1;
    }

    @Override
    public int read(byte[] target, int offset, int count) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            target[offset + i] = pattern[(int) (position++ % pattern.length)];
        }
        return n;
    }
}
