package io.vigil.telemetry.internal.xml;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TelemetryException;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.windows.WindowsEvents;
import io.vigil.telemetry.internal.windows.XmlElement;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Windows event XML: one {@code <Event>}, a sequence of them without a root element (as
 * {@code wevtutil qe /f:xml} prints them), or any wrapper element around them ({@code <Events>}).
 * Streaming (StAX), with DTDs and external entities disabled. An event whose XML is well formed but
 * which lacks an event id or time is an error at its line; a syntax error ends the input and is
 * reported at its line.
 */
public final class WindowsXmlParser implements EventParser {
    private static final int MAX_EVENT_CHARS = 16 * 1024 * 1024;
    private static final XMLInputFactory FACTORY = factory();

    @Override
    public SourceFormat format() {
        return SourceFormat.WINDOWS_XML;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        String source = context.sourceName();
        InputStream body = skipDeclaration(input, source);
        InputStream wrapped = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream("<vigil-events>".getBytes(StandardCharsets.UTF_8)),
                body,
                new ByteArrayInputStream("</vigil-events>".getBytes(StandardCharsets.UTF_8)))));
        XMLStreamReader reader = null;
        long line = 1;
        try {
            reader = FACTORY.createXMLStreamReader(wrapped, "UTF-8");
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT
                        && reader.getLocalName().equals("Event")) {
                    line = Math.max(1, reader.getLocation().getLineNumber());
                    readEvent(reader, context, sink, new SourceLocation.Line(source, line));
                }
            }
        } catch (XMLStreamException e) {
            long errorLine =
                    e.getLocation() == null ? line : Math.max(1, e.getLocation().getLineNumber());
            Outcomes.error(sink, new SourceLocation.Line(source, errorLine), "invalid XML: " + firstLine(e));
        } finally {
            close(reader);
        }
    }

    private static void readEvent(
            XMLStreamReader reader, ParseContext context, Consumer<ParseOutcome> sink, SourceLocation location)
            throws XMLStreamException {
        Deque<XmlElement> stack = new ArrayDeque<>();
        XmlElement event = start(reader);
        stack.push(event);
        long chars = 0;
        while (!stack.isEmpty() && reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    XmlElement child = start(reader);
                    stack.element().add(child);
                    stack.push(child);
                }
                case XMLStreamConstants.END_ELEMENT -> stack.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    chars += reader.getTextLength();
                    if (chars <= MAX_EVENT_CHARS) {
                        stack.element().appendText(reader.getText());
                    }
                }
                default -> {}
            }
        }
        if (chars > MAX_EVENT_CHARS) {
            Outcomes.error(sink, location, "event larger than " + MAX_EVENT_CHARS + " characters skipped");
            return;
        }
        try {
            Outcomes.event(sink, WindowsEvents.toCanonical(event, SourceFormat.WINDOWS_XML, context, event.toXml()));
        } catch (MalformedRecordException e) {
            Outcomes.error(sink, location, e.reason());
        }
    }

    private static XmlElement start(XMLStreamReader reader) {
        XmlElement element = new XmlElement(reader.getLocalName());
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            element.attribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        return element;
    }

    /** Drops a leading byte order mark and XML declaration, which cannot follow the synthetic root. */
    private static InputStream skipDeclaration(InputStream input, String source) {
        BufferedInputStream in = new BufferedInputStream(input, 8192);
        try {
            in.mark(512);
            byte[] head = in.readNBytes(512);
            in.reset();
            String text = new String(head, StandardCharsets.UTF_8);
            int skip = 0;
            if (text.startsWith("\uFEFF")) {
                skip = 3;
                text = text.substring(1);
            }
            String trimmed = text.stripLeading();
            if (trimmed.startsWith("<?xml")) {
                int end = trimmed.indexOf("?>");
                if (end > 0) {
                    int leading = text.length() - trimmed.length();
                    skip += trimmed.substring(0, end + 2).getBytes(StandardCharsets.UTF_8).length + leading;
                }
            }
            in.skipNBytes(skip);
            return in;
        } catch (IOException e) {
            throw new TelemetryException("cannot read " + source, e, true);
        }
    }

    private static String firstLine(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int index = message.indexOf("Message: ");
        return index >= 0 ? message.substring(index + 9) : message;
    }

    private static void close(@org.jspecify.annotations.Nullable XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing left to report: the input was fully read or already reported
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
