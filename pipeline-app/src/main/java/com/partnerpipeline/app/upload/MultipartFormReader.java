package com.partnerpipeline.app.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a multipart/form-data body as it arrives, one part at a time, each part's content as a
 * stream: nothing is buffered beyond a small window, so a file part can go straight to its final
 * place while it is being uploaded.
 */
public final class MultipartFormReader {
    private static final int WINDOW = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final Pattern BOUNDARY =
            Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME =
            Pattern.compile("[; ]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME =
            Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /**
     * A part's headers; its content is read through {@link #content()} before asking for the next
     * part.
     */
    public final class Part {
        private final String name;
        private final String filename;
        private final PartStream content = new PartStream();

        private Part(String name, String filename) {
            this.name = name;
            this.filename = filename;
        }

        public String name() {
            return name;
        }

        /** The file name the client gave, without any directory; null for a plain field. */
        public String filename() {
            return filename;
        }

        public InputStream content() {
            return content;
        }

        /** The content as text, refusing more than {@code maxBytes}. */
        public String text(int maxBytes) throws IOException, MalformedMultipartException {
            byte[] bytes = content.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new MalformedMultipartException(
                        "the field '" + name + "' is longer than " + maxBytes + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8).trim();
        }
    }

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buffer = new byte[WINDOW];
    private int position;
    private int limit;
    private boolean finished;
    private Part current;

    public MultipartFormReader(InputStream in, String contentType)
            throws MalformedMultipartException {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary(contentType)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String boundary(String contentType) throws MalformedMultipartException {
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new MalformedMultipartException("the request must be multipart/form-data");
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            throw new MalformedMultipartException(
                    "the multipart/form-data content type has no boundary");
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    /** The next part, or null after the last; skips whatever of the current part was not read. */
    public Part next() throws IOException, MalformedMultipartException {
        if (current == null) {
            skipPreamble();
        } else {
            current.content.skipRest();
        }
        if (finished || !afterDelimiter()) {
            finished = true;
            return null;
        }
        String headers = readHeaders();
        Matcher name = NAME.matcher(headers);
        if (!name.find()) {
            throw new MalformedMultipartException("a part has no Content-Disposition name");
        }
        Matcher filename = FILENAME.matcher(headers);
        current = new Part(name.group(1), filename.find() ? baseName(filename.group(1)) : null);
        return current;
    }

    /**
     * The body starts with "--boundary" without the leading CRLF; treat it as if the CRLF were
     * there.
     */
    private void skipPreamble() throws IOException, MalformedMultipartException {
        fill(delimiter.length);
        byte[] first = Arrays.copyOfRange(delimiter, 2, delimiter.length);
        if (limit - position >= first.length
                && Arrays.equals(
                        buffer, position, position + first.length, first, 0, first.length)) {
            position += first.length;
            return;
        }
        new PartStream().skipRest(); // a preamble before the first delimiter
    }

    /** After a delimiter: "--" ends the body, CRLF starts a part. */
    private boolean afterDelimiter() throws IOException, MalformedMultipartException {
        fill(2);
        if (limit - position < 2) {
            throw new MalformedMultipartException(
                    "the multipart body ends without its closing boundary");
        }
        byte a = buffer[position];
        byte b = buffer[position + 1];
        position += 2;
        if (a == '-' && b == '-') {
            return false;
        }
        if (a != '\r' || b != '\n') {
            throw new MalformedMultipartException("malformed multipart boundary line");
        }
        return true;
    }

    private String readHeaders() throws IOException, MalformedMultipartException {
        StringBuilder headers = new StringBuilder();
        while (true) {
            if (position == limit) {
                fill(1);
                if (position == limit) {
                    throw new MalformedMultipartException(
                            "the multipart body ends inside a part's headers");
                }
            }
            headers.append((char) (buffer[position++] & 0xFF));
            if (headers.length() > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException(
                        "a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int n = headers.length();
            if (n >= 4
                    && headers.charAt(n - 4) == '\r'
                    && headers.charAt(n - 3) == '\n'
                    && headers.charAt(n - 2) == '\r'
                    && headers.charAt(n - 1) == '\n') {
                return new String(
                        headers.toString().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
            }
        }
    }

    private static String baseName(String filename) {
        String name = filename.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** Makes at least {@code wanted} bytes available unless the input ends first. */
    private void fill(int wanted) throws IOException {
        if (limit - position >= wanted) {
            return;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < wanted) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return;
            }
            limit += n;
        }
    }

    /** One part's content: the bytes up to the next delimiter. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            fill(delimiter.length);
            int found = indexOfDelimiter();
            if (found == position) {
                position += delimiter.length;
                done = true;
                return -1;
            }
            // bytes that cannot be the start of a delimiter are safe to hand out
            int safe = found >= 0 ? found : Math.max(position, limit - delimiter.length + 1);
            if (safe == position) {
                if (limit - position < delimiter.length) {
                    throw new MalformedMultipartException("the multipart body ends inside a part");
                }
                safe = position + 1;
            }
            int n = Math.min(length, safe - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }

        private int indexOfDelimiter() {
            outer:
            for (int i = position; i <= limit - delimiter.length; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (buffer[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }
}
