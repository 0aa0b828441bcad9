package com.partnerpipeline.formats;

import java.io.IOException;
import java.io.Reader;

/**
 * Stops a file whose single piece of markup (a tag from {@code <} to {@code >}, a comment, a CDATA
 * section, a processing instruction) runs longer than {@link ReaderLimits#maxRecordChars()}
 * characters, in front of the parser. Woodstox has no limit on names and holds a whole name in
 * memory, several times over while its buffer grows: a 48 MB element name took more than 128 MB of
 * heap. No such tag fits in a record anyway, and a parser in the middle of one cannot be resumed at
 * the next record, so the file stops.
 *
 * <p>Quotes are followed inside tags, so that a {@code >} in an attribute value does not end the
 * count; comments, CDATA sections and processing instructions end only at their own terminator, so
 * that an apostrophe in them does not start a quote. As {@link StrictUtf8Reader} does, the
 * characters before the limit is passed are handed out first and the error comes with the next
 * read, so that everything before the tag is still parsed.
 */
final class XmlMarkupLimit extends Reader {
    private enum State {
        TEXT,
        OPEN,
        BANG,
        TAG,
        QUOTE,
        COMMENT,
        CDATA,
        PI
    }

    private final Reader in;
    private final long limit;
    private final String reason;
    private State state = State.TEXT;
    private char quote;
    private char previous;
    private char beforePrevious;
    private long length;
    private boolean failed;

    XmlMarkupLimit(Reader in, ReaderLimits limits) {
        this.in = in;
        this.limit = limits.maxRecordChars();
        this.reason = LimitMessages.markupTooLong(limits);
    }

    /** The tag that was too long; its message is the partner's. */
    static final class TooLong extends IOException {
        TooLong(String reason) {
            super(reason);
        }
    }

    @Override
    public int read(char[] target, int offset, int count) throws IOException {
        if (failed) {
            throw new TooLong(reason);
        }
        int n = in.read(target, offset, count);
        int end = offset + Math.max(n, 0);
        // Most characters are text or inside a tag: those states scan in tight loops (a
        // per-character state
        // machine cost more than decoding itself). Each loop stops at the character that may change
        // the state.
        int i = offset;
        while (i < end) {
            if (state == State.TEXT) {
                while (i < end && target[i] != '<') {
                    i++;
                }
                if (i == end) {
                    break;
                }
                state = State.OPEN;
                length = 1;
                i++;
                continue;
            }
            if (state == State.TAG || state == State.QUOTE) {
                int stop = (int) Math.min(end, i + (limit - length));
                int start = i;
                if (state == State.TAG) {
                    while (i < stop) {
                        char c = target[i];
                        if (c == '>' || c == '"' || c == '\'') {
                            break;
                        }
                        i++;
                    }
                } else {
                    while (i < stop && target[i] != quote) {
                        i++;
                    }
                }
                length += i - start;
                if (i == end) {
                    break;
                }
                if (i == stop) { // the next character is one too many
                    return overLimit(offset, i);
                }
            }
            if (!accept(target[i])) {
                return overLimit(offset, i);
            }
            i++;
        }
        return n;
    }

    /**
     * Hands out the characters before the one over the limit; the error comes with the next read.
     */
    private int overLimit(int offset, int at) throws TooLong {
        failed = true;
        if (at == offset) {
            throw new TooLong(reason);
        }
        return at - offset;
    }

    /**
     * Follows one character of markup; false when it makes the current piece longer than the limit.
     */
    private boolean accept(char c) {
        if (++length > limit) {
            return false;
        }
        switch (state) {
            case OPEN -> state = c == '!' ? State.BANG : c == '?' ? State.PI : tag(c);
            case BANG ->
                    state =
                            c == '-'
                                    ? State.COMMENT
                                    : c == '[' ? State.CDATA : tag(c); // else a DOCTYPE
            case TAG -> state = tag(c);
            case QUOTE -> state = c == quote ? State.TAG : State.QUOTE;
            case COMMENT ->
                    state =
                            c == '>' && previous == '-' && beforePrevious == '-' && length > 6
                                    ? State.TEXT
                                    : State.COMMENT;
            case CDATA ->
                    state =
                            c == '>' && previous == ']' && beforePrevious == ']'
                                    ? State.TEXT
                                    : State.CDATA;
            case PI -> state = c == '>' && previous == '?' && length > 3 ? State.TEXT : State.PI;
            default ->
                    throw new IllegalStateException(
                            state.name()); // TEXT is followed by read itself
        }
        beforePrevious = previous;
        previous = c;
        return true;
    }

    private State tag(char c) {
        if (c == '"' || c == '\'') {
            quote = c;
            return State.QUOTE;
        }
        return c == '>' ? State.TEXT : State.TAG;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
