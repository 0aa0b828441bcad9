package com.partnerpipeline.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and refuses invalid byte sequences, like an {@link java.io.InputStreamReader} with
 * a reporting decoder, with one difference that matters: the characters decoded before a bad
 * sequence are handed out first and the error comes with the next read. So every record before the
 * bad bytes is still read, and the error's position is exact.
 */
final class StrictUtf8Reader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private boolean endOfInput;
    private boolean flushed;
    private MalformedInputException pendingError;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (pendingError != null) {
            throw pendingError;
        }
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            int decoded = out.position() - offset;
            if (result.isError()) {
                MalformedInputException error = new MalformedInputException(result.length());
                if (decoded == 0) {
                    throw error;
                }
                pendingError = error;
                return decoded;
            }
            if (result.isOverflow()) {
                return decoded;
            }
            if (endOfInput) {
                decoder.flush(out);
                flushed = true;
                decoded = out.position() - offset;
                return decoded == 0 ? -1 : decoded;
            }
            if (decoded > 0 && in.available() == 0) {
                return decoded; // hand out what we have rather than block for more
            }
            refill();
        }
    }

    private void refill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
