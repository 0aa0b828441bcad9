package com.partnerpipeline.formats;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file formats partners send, and the one place that knows them: each constant declares its
 * extensions, how its content starts and which reader opens it, so a new format is one new reader
 * plus one entry here. Messages and help texts take the list of accepted files from {@link
 * #acceptedFiles()}, never from a hand-written list.
 *
 * <p>JSON covers both a top-level array and JSON Lines, told apart by content.
 */
public enum FileFormat {
    /** Plain text: whatever no other format claims by its first byte. */
    CSV("", ".csv") {
        @Override
        public RecordReader open(InputStream in, ReaderLimits limits)
                throws UnreadableFileException {
            return new CsvRecordReader(in, limits);
        }
    },
    JSON("[{", ".json", ".jsonl", ".ndjson") {
        /** A top-level '[' means an array of objects, anything else is read as JSON Lines. */
        @Override
        public RecordReader open(InputStream in, ReaderLimits limits)
                throws UnreadableFileException {
            CountingInputStream counter = new CountingInputStream(in);
            LeadingWhitespace skipped = skipLeadingWhitespace(counter);
            if (skipped.first() == '[') {
                return new JsonArrayReader(skipped, counter, limits);
            }
            return new JsonLinesReader(skipped, counter, limits);
        }
    },
    XML("<", ".xml") {
        /**
         * Woodstox refuses whitespace before an XML declaration, which is no reason to refuse a
         * partner's file.
         */
        @Override
        public RecordReader open(InputStream in, ReaderLimits limits)
                throws UnreadableFileException {
            CountingInputStream counter = new CountingInputStream(in);
            return new XmlRecordReader(skipLeadingWhitespace(counter), counter, limits);
        }
    };

    /**
     * The characters content of this format starts with (after a byte order mark and whitespace);
     * empty: plain text.
     */
    private final String firstChars;

    private final List<String> extensions;

    FileFormat(String firstChars, String... extensions) {
        this.firstChars = firstChars;
        this.extensions = List.of(extensions);
    }

    /** Opens this format's reader on a file's content. */
    public abstract RecordReader open(InputStream in, ReaderLimits limits)
            throws UnreadableFileException;

    /**
     * This format's file name extensions, lower case with the dot: {@code [.json, .jsonl,
     * .ndjson]}.
     */
    public List<String> extensions() {
        return extensions;
    }

    /** Every accepted extension, in order: {@code .csv, .json, .jsonl, .ndjson or .xml}. */
    public static String extensionList() {
        List<String> all =
                Arrays.stream(values()).flatMap(format -> format.extensions.stream()).toList();
        if (all.size() == 1) {
            return all.get(0);
        }
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    /** The files accepted, for messages: {@code a .csv, .json, .jsonl, .ndjson or .xml file}. */
    public static String acceptedFiles() {
        return "a " + extensionList() + " file";
    }

    /**
     * The format named by a file's extension, whatever its case; empty when the extension names
     * none.
     */
    public static Optional<FileFormat> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.extensions.stream().anyMatch(name::endsWith))
                .findFirst();
    }

    /**
     * Whether the first bytes of a file are plausible for this format: JSON starts with '[' or '{',
     * XML with '<', CSV with anything printable that no other format claims. Leading whitespace and
     * a UTF-8 byte order mark are skipped; an empty or blank head matches every format (each reader
     * takes it as a file with no records).
     */
    public boolean matchesContent(byte[] head, int length) {
        int first = firstSignificantByte(head, length);
        if (first < 0) {
            return true;
        }
        if (!firstChars.isEmpty()) {
            return firstChars.indexOf(first) >= 0;
        }
        return first != 0
                && Arrays.stream(values()).noneMatch(other -> other.firstChars.indexOf(first) >= 0);
    }

    /**
     * The format the first bytes look like, when the name says nothing: formats with a signature
     * first, in declaration order, then plain text. An empty or blank head is taken as the first of
     * them, JSON (no records).
     */
    public static Optional<FileFormat> guessFromContent(byte[] head, int length) {
        return Stream.concat(
                        Arrays.stream(values()).filter(format -> !format.firstChars.isEmpty()),
                        Arrays.stream(values()).filter(format -> format.firstChars.isEmpty()))
                .filter(format -> format.matchesContent(head, length))
                .findFirst();
    }

    /**
     * What a file is, from its name and its first {@code length} bytes: the format its extension
     * names when the content agrees; {@link Detection.UnknownExtension} (with the format the
     * content looks like, if any) when the extension names none; {@link Detection.ContentMismatch}
     * when the content does not look like the named format. Whether an unknown extension is refused
     * or the guess is taken is the caller's policy.
     */
    public static Detection detect(String fileName, byte[] head, int length) {
        Optional<FileFormat> byName = fromFileName(fileName);
        if (byName.isEmpty()) {
            return new Detection.UnknownExtension(fileName, guessFromContent(head, length));
        }
        FileFormat named = byName.get();
        return named.matchesContent(head, length)
                ? new Detection.Known(named)
                : new Detection.ContentMismatch(fileName, named);
    }

    /** The outcome of {@link #detect}, with the wording of its messages. */
    public sealed interface Detection {
        /** The extension names {@code format} and the content looks like it. */
        record Known(FileFormat format) implements Detection {}

        /**
         * The extension names no format; {@code byContent}: the format the first bytes look like,
         * if any.
         */
        record UnknownExtension(String fileName, Optional<FileFormat> byContent)
                implements Detection {
            /**
             * For a caller that takes files by extension only: {@code unsupported file type
             * 'x.txt': upload a ... file}.
             */
            public String unsupported() {
                return "unsupported file type '" + fileName + "': upload " + acceptedFiles();
            }

            /**
             * For a caller that guessed by content in vain: {@code cannot tell the format of x.txt:
             * use a ... file}.
             */
            public String undetectable() {
                return "cannot tell the format of " + fileName + ": use " + acceptedFiles();
            }
        }

        /** The extension names {@code named} but the first bytes do not look like it. */
        record ContentMismatch(String fileName, FileFormat named) implements Detection {
            /** {@code data.csv is named as CSV but its content does not look like CSV}. */
            public String message() {
                return message(fileName);
            }

            /**
             * The same, about {@code subject}: {@code the file is named as CSV but its content does
             * not look like CSV}.
             */
            public String message(String subject) {
                return subject
                        + " is named as "
                        + named
                        + " but its content does not look like "
                        + named;
            }
        }
    }

    /** The first byte after a UTF-8 byte order mark and whitespace, or -1 if there is none. */
    private static int firstSignificantByte(byte[] head, int length) {
        int i = 0;
        if (length >= 3
                && (head[0] & 0xFF) == 0xEF
                && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < length && isWhitespace(head[i])) {
            i++;
        }
        return i == length ? -1 : head[i] & 0xFF;
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static LeadingWhitespace skipLeadingWhitespace(CountingInputStream counter)
            throws UnreadableFileException {
        try {
            return LeadingWhitespace.skip(counter);
        } catch (IOException e) {
            throw new UnreadableFileException(ReadErrors.reason(e), 0, 1, 0, e);
        }
    }
}
