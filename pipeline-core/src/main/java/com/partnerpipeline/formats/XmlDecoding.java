package com.partnerpipeline.formats;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an XML file for the parser, rather than letting Woodstox decode it. Woodstox decodes
 * about 4 KB ahead of what it parses and fails the whole block on a bad byte, so the records before
 * invalid UTF-8 in that block were lost and the error named record 0 with no line. {@link
 * StrictUtf8Reader} hands out the characters before the bad bytes first, so every record before
 * them is read and the error names the right record and line.
 *
 * <p>A file that declares another encoding ({@code <?xml version="1.0" encoding="ISO-8859-1"?>}) is
 * decoded in that encoding by the JDK, refusing bytes it cannot decode as Woodstox did; there the
 * records in the block before a bad byte may still be lost. Decoding every file here, whatever its
 * encoding, is what lets {@link XmlMarkupLimit} count characters in front of the parser.
 */
final class XmlDecoding {
    /**
     * An XML declaration is a line at most; whatever whitespace it holds, this much of the file has
     * it.
     */
    private static final int DECLARATION_BYTES = 512;

    private static final Pattern ENCODING =
            Pattern.compile("^<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private XmlDecoding() {}

    /** What a declared encoding that cannot be read is called, in the partner's message. */
    static final class UnsupportedEncoding extends IOException {
        UnsupportedEncoding(String name) {
            super(
                    "unsupported encoding '"
                            + name
                            + "' declared (UTF-8 is read, and the usual ISO-8859 and Windows encodings)");
        }
    }

    /** The file's characters, and the name of the encoding they are decoded from (for messages). */
    record Decoded(Reader reader, String encoding) {}

    /** The characters of {@code in}, which starts where the file's first meaningful byte is. */
    static Decoded decode(InputStream in) throws IOException {
        InputStream rest = new BufferedFirst(in);
        byte[] start = new byte[DECLARATION_BYTES];
        int length = 0;
        // Only as far as the declaration's end (the first '>'), or as far as shows there is none:
        // reading on would
        // wait for bytes not yet uploaded, or meet a read error before the first records were read
        while (length < start.length && mayBeDeclaration(start, length)) {
            int n = rest.read(start, length, start.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        InputStream source =
                new SequenceInputStream(new ByteArrayInputStream(start, 0, length), rest);
        String declared =
                declaredEncoding(new String(start, 0, length, StandardCharsets.ISO_8859_1));
        if (declared == null || isUtf8(declared)) {
            return new Decoded(new StrictUtf8Reader(source), "UTF-8");
        }
        Charset charset;
        try {
            charset = Charset.forName(declared);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEncoding(declared);
        }
        return new Decoded(
                new InputStreamReader(
                        source,
                        charset.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)),
                declared);
    }

    /**
     * Reads what is already there (LeadingWhitespace's pushed-back bytes) on its own. A
     * PushbackInputStream asked for more than it holds reads on from the file in the same call, and
     * a read error there loses the bytes it held: the records before a disk error would not be
     * read.
     */
    private static final class BufferedFirst extends FilterInputStream {
        BufferedFirst(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int available = in.available();
            return in.read(b, off, available > 0 ? Math.min(len, available) : len);
        }
    }

    private static final byte[] XML_DECLARATION = "<?xml".getBytes(StandardCharsets.US_ASCII);

    /** Whether the bytes read so far may still be the start of an unfinished XML declaration. */
    private static boolean mayBeDeclaration(byte[] start, int length) {
        for (int i = 0; i < length; i++) {
            if (start[i] == '>' || i < XML_DECLARATION.length && start[i] != XML_DECLARATION[i]) {
                return false;
            }
        }
        return true;
    }

    static String declaredEncoding(String start) {
        Matcher m = ENCODING.matcher(start);
        return m.find() ? m.group(1) : null;
    }

    private static boolean isUtf8(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.equals("UTF-8") || n.equals("UTF8");
    }
}
