package net.mucaffiliationnotify.live.xmpp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * Reads one XML stream ({@code <stream:stream>} … {@code </stream:stream>}) from a socket with StAX and
 * hands out each top-level child (a stanza, {@code <stream:features/>}, a SASL element …) as a detached
 * dom4j element with its namespaces, {@code jabber:client} for stanzas. A stream restart (after STARTTLS
 * or SASL) needs a new reader. Not thread-safe: one thread reads.
 */
final class StanzaReader {

    /**
     * The JDK's own StAX parser, not whichever one a service loader finds on the test classpath: it hands
     * out an element's end without waiting for more input, so reading {@code <proceed/>} or
     * {@code <success/>} does not block while the server waits for us (TLS handshake, new stream header).
     */
    private static final XMLInputFactory FACTORY = newFactory();

    private final XMLStreamReader xml;
    private final DocumentFactory dom = DocumentFactory.getInstance();
    private boolean ended;

    /**
     * Starts reading the stream the server opens on {@code in}; blocks until its {@code <stream:stream>}
     * start tag has arrived.
     */
    StanzaReader(InputStream in) throws IOException {
        try {
            xml = FACTORY.createXMLStreamReader(in);
            while (xml.next() != XMLStreamConstants.START_ELEMENT) {
                // prolog: XML declaration, whitespace
            }
        } catch (XMLStreamException e) {
            throw failure("reading the server's stream header", e);
        }
        if (!"stream".equals(xml.getLocalName()) || !XmppClient.NS_STREAM.equals(xml.getNamespaceURI())) {
            throw new IOException("the server opened <" + xml.getName() + "> instead of <stream:stream>");
        }
    }

    /** The next top-level element, or null when the server has closed the stream. */
    Element next() throws IOException {
        if (ended) {
            return null;
        }
        try {
            while (true) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return readElement();
                }
                if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
                    ended = true;
                    return null;
                }
                // whitespace keep-alives between stanzas
            }
        } catch (XMLStreamException e) {
            throw failure("reading the server's stream", e);
        }
    }

    /** Builds the element whose start tag is the current event, up to its end tag. */
    private Element readElement() throws XMLStreamException {
        Element root = startElement(null);
        Element current = root;
        while (true) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> current = startElement(current);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        current.addText(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    if (current == root) {
                        return root;
                    }
                    current = current.getParent();
                }
                default -> {
                    // comments and processing instructions carry nothing for a client
                }
            }
        }
    }

    private Element startElement(Element parent) {
        QName name = dom.createQName(xml.getLocalName(), nullToEmpty(xml.getPrefix()),
                nullToEmpty(xml.getNamespaceURI()));
        Element element = parent == null ? dom.createElement(name) : parent.addElement(name);
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            QName attribute = dom.createQName(xml.getAttributeLocalName(i), nullToEmpty(xml.getAttributePrefix(i)),
                    nullToEmpty(xml.getAttributeNamespace(i)));
            element.addAttribute(attribute, xml.getAttributeValue(i));
        }
        return element;
    }

    private static IOException failure(String what, XMLStreamException e) {
        Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        if (cause instanceof InterruptedIOException timeout) {
            return timeout; // SocketTimeoutException: the caller's timeout, not a broken stream
        }
        if (cause instanceof IOException io) {
            return io;
        }
        // The JDK parser reports a connection closed mid-stream as a well-formedness error.
        return new EOFException("connection closed or bad XML while " + what + ": " + e.getMessage());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
