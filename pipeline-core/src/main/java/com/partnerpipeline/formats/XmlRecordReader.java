package com.partnerpipeline.formats;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads XML: each child element of the root element is one record; its attributes and child elements are fields,
 * deeper elements reachable by dotted path, repeated elements collected into a list. Any DOCTYPE is refused, so no
 * DTD, external entity or entity expansion is ever processed.
 */
final class XmlRecordReader implements RecordReader {
    private final CountingInputStream counter;
    private final XMLStreamReader xml;
    private final RecordBudget budget;
    /** Woodstox enforces it only approximately (a 94-character CDATA section passed a limit of 32), so again here. */
    private final int maxFieldChars;
    private long nextIndex;
    private boolean finished;

    XmlRecordReader(InputStream in, ReaderLimits limits) throws UnreadableFileException {
        this.counter = new CountingInputStream(in);
        this.budget = new RecordBudget(limits);
        this.maxFieldChars = limits.maxFieldChars();
        try {
            PushbackInputStream source = new PushbackInputStream(counter, 1);
            int first = source.read();
            if (first < 0) {
                finished = true; // an empty file has no records, as for the other formats
                this.xml = null;
                return;
            }
            source.unread(first);
            this.xml = factory(limits).createXMLStreamReader(source);
            moveToRootElement();
        } catch (XMLStreamException | IOException e) {
            throw fatal(e);
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
                throw fatal("DOCTYPE declarations are not allowed (DTDs and external entities are refused)");
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
        long line = xml.getLocation().getLineNumber();
        String name = xml.getLocalName();
        budget.reset();
        Object value = readElement();
        nextIndex++;
        if (budget.exceeded()) {
            return new MalformedRecord(index, line, budget.describe(), "<" + name + ">");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(TreeRecord.TEXT_KEY, value);
        return new TreeRecord(index, line, fields);
    }

    /** Reads the element the reader is on: its text when it is a plain leaf, else a map of attributes and children. */
    private Object readElement() throws XMLStreamException {
        Map<String, Object> fields = null;
        int attributes = xml.getAttributeCount();
        if (attributes > 0) {
            fields = new LinkedHashMap<>();
            for (int i = 0; i < attributes; i++) {
                String value = xml.getAttributeValue(i);
                if (value.length() > maxFieldChars) {
                    throw new XMLStreamException("Attribute value size limit (" + maxFieldChars + ") exceeded", xml.getLocation());
                }
                budget.chargeValue(value.length());
                fields.put(xml.getAttributeLocalName(i), value);
            }
        }
        String text = null;
        // Text split into many pieces (by comments, say: "x<!---->x<!---->...") is joined here in linear time;
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
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
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
                    throw new XMLStreamException("Text size limit (" + maxFieldChars + ") exceeded", xml.getLocation());
                }
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException("undeclared entity '&" + xml.getLocalName() + ";'", xml.getLocation());
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

    /** After the root element closes, only comments and whitespace may follow; the parser checks that. */
    private void readToEndOfDocument() throws XMLStreamException {
        finished = true;
        while (xml.hasNext()) {
            xml.next();
        }
    }

    private UnreadableFileException fatal(String reason) {
        finished = true;
        Location at = xml.getLocation();
        return new UnreadableFileException(reason, nextIndex, at.getLineNumber(), at.getColumnNumber());
    }

    private UnreadableFileException fatal(Exception e) {
        finished = true;
        if (e instanceof XMLStreamException xe) {
            Location at = xe.getLocation();
            String reason = xe.getNestedException() instanceof CharConversionException
                    ? "invalid UTF-8 byte sequence" : "invalid XML: " + woodstoxReason(xe.getMessage());
            return new UnreadableFileException(reason, nextIndex,
                    at == null ? 0 : at.getLineNumber(), at == null ? 0 : at.getColumnNumber(), e);
        }
        String reason = e instanceof CharConversionException ? "invalid UTF-8 byte sequence" : "read error: " + e.getMessage();
        return new UnreadableFileException(reason, nextIndex, 0, 0, e);
    }

    /** Woodstox appends " at [row,col ...]" on a new line; the exception carries the location already. */
    private static String woodstoxReason(String message) {
        if (message == null) {
            return "unreadable content";
        }
        String reason = message.startsWith("ParseError at [") ? message.substring(message.indexOf("Message:") + 8).trim() : message;
        int lineBreak = reason.indexOf('\n');
        return lineBreak > 0 ? reason.substring(0, lineBreak) : reason;
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
