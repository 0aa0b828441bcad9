package com.partnerpipeline.formats;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML: each child element of the root element is one record; its attributes and child
 * elements are fields, deeper elements reachable by dotted path, repeated elements collected into a
 * list. Any DOCTYPE is refused, so no DTD, external entity or entity expansion is ever processed.
 */
final class XmlRecordReader implements RecordReader {
    private final CountingInputStream counter;
    private final XMLStreamReader xml;
    private final RecordBudget budget;
    private final ReaderLimits limits;
    private final LeadingWhitespace skipped;

    /**
     * Woodstox enforces it only approximately (a 94-character CDATA section passed a limit of 32),
     * so again here.
     */
    private final int maxFieldChars;

    /**
     * The encoding the file is decoded in, for the partner's message when its bytes are not of it.
     */
    private String encoding = "UTF-8";

    private long nextIndex;
    private boolean finished;

    XmlRecordReader(LeadingWhitespace skipped, CountingInputStream counter, ReaderLimits limits)
            throws UnreadableFileException {
        this.counter = counter;
        this.skipped = skipped;
        this.budget = new RecordBudget(limits);
        this.limits = limits;
        this.maxFieldChars = limits.maxFieldChars();
        if (skipped.first() < 0) {
            finished = true; // an empty or blank file has no records, as for the other formats
            this.xml = null;
            return;
        }
        try {
            XmlDecoding.Decoded decoded = XmlDecoding.decode(skipped.rest());
            this.encoding = decoded.encoding();
            this.xml =
                    factory(limits)
                            .createXMLStreamReader(new XmlMarkupLimit(decoded.reader(), limits));
            moveToRootElement();
        } catch (XMLStreamException e) {
            throw fatal(e);
        } catch (IOException e) {
            throw new UnreadableFileException(reason(e), 0, 1, 0, e);
        }
    }

    private static XMLInputFactory factory(ReaderLimits limits) {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth());
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxFieldChars());
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxFieldChars());
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, limits.maxFields());
        return factory;
    }

    private void moveToRootElement() throws XMLStreamException, UnreadableFileException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw fatal(
                        "DOCTYPE declarations are not allowed (DTDs and external entities are refused)");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
        }
        finished = true;
    }

    @Override
    public ReadItem next() throws UnreadableFileException {
        if (finished) {
            return null;
        }
        try {
            while (true) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return readRecord();
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    readToEndOfDocument();
                    return null;
                }
            }
        } catch (XMLStreamException e) {
            throw fatal(e);
        } catch (WstxLazyException e) {
            throw fatal(e.getCause() instanceof XMLStreamException cause ? cause : e);
        }
    }

    private ReadItem readRecord() throws XMLStreamException {
        long index = nextIndex;
        long line = skipped.line(xml.getLocation().getLineNumber());
        String name = xml.getLocalName();
        budget.reset();
        budget.boundName(
                name.length()); // the record's own name is no field, but a name of megabytes is
        // no record
        Object value = readElement();
        nextIndex++;
        if (budget.exceeded()) {
            return new MalformedRecord(
                    index, line, budget.describe(), "<" + abbreviate(name) + ">");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields =
                value instanceof Map<?, ?> map
                        ? (Map<String, Object>) map
                        : Map.of(TreeRecord.TEXT_KEY, value);
        return new TreeRecord(index, line, fields);
    }

    /**
     * Reads the element the reader is on: its text when it is a plain leaf, else a map of
     * attributes and children.
     */
    private Object readElement() throws XMLStreamException {
        Map<String, Object> fields = null;
        int attributes = xml.getAttributeCount();
        if (attributes > 0) {
            fields = new LinkedHashMap<>();
            for (int i = 0; i < attributes; i++) {
                String value = xml.getAttributeValue(i);
                if (value.length() > maxFieldChars) {
                    throw new LimitExceeded(LimitMessages.valueTooLong(limits), xml.getLocation());
                }
                String name = xml.getAttributeLocalName(i);
                budget.chargeName(name.length()); // the name is the field's key: it counts as the
                // record's text
                budget.chargeValue(value.length());
                if (!budget.exceeded()) { // a rejected record keeps nothing, least of all a name of
                    // megabytes
                    fields.put(name, value);
                }
            }
        }
        String text = null;
        // Text split into many pieces (by comments, say: "x<!---->x<!---->...") is joined here in
        // linear time;
        // joined by String concatenation, a 3 MB record took 37 s.
        StringBuilder pieces = null;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                budget.chargeName(name.length());
                Object child = readElement();
                if (fields == null) {
                    fields = new LinkedHashMap<>();
                }
                if (!budget.exceeded()) {
                    putRepeatable(fields, name, child);
                }
            } else if (event == XMLStreamConstants.CHARACTERS
                    || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                String piece = xml.getText();
                if (text == null) {
                    text = piece;
                } else {
                    if (pieces == null) {
                        pieces = new StringBuilder(text);
                    }
                    pieces.append(piece);
                }
                if ((pieces == null ? text.length() : pieces.length()) > maxFieldChars) {
                    throw new LimitExceeded(LimitMessages.valueTooLong(limits), xml.getLocation());
                }
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException(
                        "undeclared entity '&" + xml.getLocalName() + ";'", xml.getLocation());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (pieces != null) {
            text = pieces.toString();
        }
        if (fields == null) {
            String leaf = text == null ? "" : text;
            budget.chargeValue(leaf.length());
            return leaf;
        }
        if (text != null && !text.isBlank()) {
            budget.chargeValue(text.length());
            fields.put(TreeRecord.TEXT_KEY, text);
        }
        return fields;
    }

    /**
     * A rejected record's text shows its name, cut short: the partner's error file need not hold
     * megabytes of it.
     */
    private static String abbreviate(String name) {
        return name.length() <= 100 ? name : name.substring(0, 100) + "...";
    }

    @SuppressWarnings("unchecked")
    private static void putRepeatable(Map<String, Object> fields, String name, Object value) {
        Object existing = fields.putIfAbsent(name, value);
        if (existing == null) {
            return;
        }
        if (existing instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else {
            List<Object> list = new ArrayList<>();
            list.add(existing);
            list.add(value);
            fields.put(name, list);
        }
    }

    /**
     * After the root element closes, only comments and whitespace may follow; the parser checks
     * that.
     */
    private void readToEndOfDocument() throws XMLStreamException {
        finished = true;
        while (xml.hasNext()) {
            xml.next();
        }
    }

    private UnreadableFileException fatal(String reason) {
        finished = true;
        return new UnreadableFileException(
                reason, nextIndex, line(xml.getLocation()), column(xml.getLocation()));
    }

    private UnreadableFileException fatal(Exception e) {
        finished = true;
        Location at = e instanceof XMLStreamException xe ? xe.getLocation() : null;
        if (at == null && xml != null) {
            at = xml.getLocation(); // a failure to read (a bad byte, a tag too long) comes
            // without one: where the parser is
        }
        return new UnreadableFileException(reason(e), nextIndex, line(at), column(at), e);
    }

    /** Where the file broke, counting the whitespace skipped before the parser started. */
    private long line(Location at) {
        return at == null ? 0 : Math.max(skipped.line(at.getLineNumber()), 0);
    }

    private long column(Location at) {
        return at == null
                ? 0
                : Math.max(skipped.column(at.getLineNumber(), at.getColumnNumber()), 0);
    }

    /**
     * Woodstox wraps a failure to read the input in an XMLStreamException: that is no fault of the
     * XML.
     */
    private String reason(Exception e) {
        if (e instanceof LimitExceeded limit) {
            return limit.reason;
        }
        Throwable cause = e;
        while (cause instanceof XMLStreamException xe
                && (xe.getNestedException() != null || xe.getCause() != null)) {
            cause = xe.getNestedException() != null ? xe.getNestedException() : xe.getCause();
        }
        if (cause instanceof XmlMarkupLimit.TooLong
                || cause instanceof XmlDecoding.UnsupportedEncoding) {
            return cause.getMessage(); // worded for the partner
        }
        if (cause instanceof CharacterCodingException || cause instanceof CharConversionException) {
            return "invalid " + encoding + " byte sequence";
        }
        if (cause instanceof IOException io) {
            return ReadErrors.reason(io);
        }
        return e instanceof XMLStreamException xe
                ? describe(woodstoxReason(xe.getMessage()))
                : "invalid XML";
    }

    /**
     * Woodstox's words for the limits we set are replaced by ours, which name the configuration
     * key.
     */
    private String describe(String woodstoxReason) {
        if (woodstoxReason.startsWith("Maximum Element Depth limit")) {
            return LimitMessages.tooDeep(limits);
        }
        if (woodstoxReason.startsWith("Text size limit")
                || woodstoxReason.startsWith("Maximum attribute size limit")) {
            return LimitMessages.valueTooLong(limits);
        }
        if (woodstoxReason.startsWith("Attribute limit")) {
            return LimitMessages.tooManyAttributes(limits);
        }
        return "invalid XML: " + woodstoxReason;
    }

    /**
     * Woodstox appends " at [row,col ...]" on a new line; the exception carries the location
     * already.
     */
    private static String woodstoxReason(String message) {
        if (message == null) {
            return "unreadable content";
        }
        String reason =
                message.startsWith("ParseError at [")
                        ? message.substring(message.indexOf("Message:") + 8).trim()
                        : message;
        int lineBreak = reason.indexOf('\n');
        return lineBreak > 0 ? reason.substring(0, lineBreak) : reason;
    }

    /**
     * A limit this reader checks itself, already worded for the partner. It is an
     * XMLStreamException so that it leaves the parsing code the way Woodstox's own errors do, with
     * the parser's location.
     */
    private static final class LimitExceeded extends XMLStreamException {
        private final String reason;

        LimitExceeded(String reason, Location at) {
            super(reason, at);
            this.reason = reason;
        }
    }

    @Override
    public long bytesConsumed() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        try {
            if (xml != null) {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(e);
        } finally {
            counter.close();
        }
    }
}
