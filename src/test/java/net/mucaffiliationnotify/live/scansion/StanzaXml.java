package net.mucaffiliationnotify.live.scansion;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.Attribute;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.Node;
import org.dom4j.Text;
import org.dom4j.io.SAXReader;
import org.xml.sax.SAXParseException;

/**
 * Stanzas as scenarios write them and as reports show them: parsing a sends/receives block (default
 * namespace {@code jabber:client}, prefix {@code scansion:} bound), and compact or indented printing
 * that writes {@code xmlns} only where the namespace changes, as Prosody does.
 */
public final class StanzaXml {

    /** The stream's default namespace: top-level stanzas are in it. */
    public static final String NS_CLIENT = "jabber:client";
    /** The namespace a script's {@code scansion:} prefix stands for. */
    public static final String NS_SCANSION = "https://matthewwild.co.uk/projects/scansion";
    static final String NS_XML = "http://www.w3.org/XML/1998/namespace";

    private static final String WRAPPER = "scansion-fragment";

    private StanzaXml() {
    }

    /** A block that is not well-formed XML; {@link #line()} counts from the block's first line. */
    public static final class BadXmlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        BadXmlException(String message, int line, Throwable cause) {
            super(message, cause);
            this.line = line;
        }

        /** 1-based line within the block, 0 when unknown. */
        public int line() {
            return line;
        }
    }

    /**
     * Parses the stanzas of a sends/receives block, indentation dropped (see {@link #stripIndentation}).
     * Each returned element is detached (no parent) and keeps its namespace.
     */
    public static List<Element> parseFragment(String text) throws BadXmlException {
        // The wrapper opens on the same line as the block, so parser line numbers are block lines.
        String wrapped = "<" + WRAPPER + " xmlns='" + NS_CLIENT + "' xmlns:scansion='" + NS_SCANSION + "'>"
                + text + "</" + WRAPPER + ">";
        Document document;
        try {
            // createDefault(): no DTDs, no external entities.
            SAXReader reader = SAXReader.createDefault();
            document = reader.read(new StringReader(wrapped));
        } catch (DocumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            int line = cause instanceof SAXParseException sax ? sax.getLineNumber() : 0;
            String message = cause.getMessage() != null ? cause.getMessage() : e.getMessage();
            throw new BadXmlException(message + (line > 0 ? " (line " + line + " of the block)" : ""), line, e);
        }
        Element root = document.getRootElement();
        List<Element> stanzas = new ArrayList<>();
        for (Node node : new ArrayList<>(root.content())) {
            if (node instanceof Text && !node.getText().isBlank()) {
                throw new BadXmlException("text outside of any element: '" + shorten(node.getText().strip(), 60) + "'",
                        0, null);
            }
            if (node instanceof Element element) {
                element.detach();
                stripIndentation(element);
                stanzas.add(element);
            }
        }
        return stanzas;
    }

    /**
     * Drops whitespace-only text that only indents the script: between child elements, and in a leaf
     * when it spans a line break ({@code <iq …>\n\t</iq>}). A leaf's spaces on one line stay (they are text).
     */
    static void stripIndentation(Element element) {
        List<Element> children = element.elements();
        if (children.isEmpty()) {
            String text = element.getText();
            if (!text.isEmpty() && text.isBlank() && text.indexOf('\n') >= 0) {
                removeText(element);
            }
            return;
        }
        for (Node node : new ArrayList<>(element.content())) {
            if (node instanceof Text && node.getText().isBlank()) {
                element.remove(node);
            }
        }
        for (Element child : children) {
            stripIndentation(child);
        }
    }

    private static void removeText(Element element) {
        for (Node node : new ArrayList<>(element.content())) {
            if (node instanceof Text) {
                element.remove(node);
            }
        }
    }

    /** The element's own text (not its descendants'), as {@link Element#getText()} gives it. */
    static String directText(Element element) {
        return element.getText();
    }

    /** One-line XML, {@code xmlns} written where the namespace differs from the parent's. */
    public static String compact(Element element) {
        return compact(element, NS_CLIENT, false);
    }

    /**
     * One-line XML.
     *
     * @param parentNamespace        the namespace in scope (jabber:client for a stanza)
     * @param dropScansionAttributes leave out {@code scansion:*} attributes (what is sent to the server)
     */
    public static String compact(Element element, String parentNamespace, boolean dropScansionAttributes) {
        StringBuilder out = new StringBuilder();
        writeCompact(element, parentNamespace, dropScansionAttributes, out);
        return out.toString();
    }

    private static void writeCompact(Element element, String parentNamespace, boolean dropScansion,
                                     StringBuilder out) {
        String ns = element.getNamespaceURI();
        writeStartTag(element, parentNamespace, dropScansion, out);
        if (element.content().stream().noneMatch(n -> n instanceof Text || n instanceof Element)) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node node : element.content()) {
            if (node instanceof Element child) {
                writeCompact(child, ns, dropScansion, out);
            } else if (node instanceof Text) {
                out.append(escape(node.getText(), false));
            }
        }
        out.append("</").append(element.getName()).append('>');
    }

    /** Writes "<name xmlns… attributes" without the closing bracket. */
    private static void writeStartTag(Element element, String parentNamespace, boolean dropScansion,
                                      StringBuilder out) {
        String ns = element.getNamespaceURI();
        out.append('<').append(element.getName());
        if (!ns.equals(parentNamespace)) {
            out.append(" xmlns='").append(escape(ns, true)).append('\'');
        }
        Map<String, String> prefixes = new LinkedHashMap<>();
        StringBuilder attributes = new StringBuilder();
        for (Attribute attribute : element.attributes()) {
            if (dropScansion && NS_SCANSION.equals(attribute.getNamespaceURI())) {
                continue;
            }
            attributes.append(' ').append(attributeName(attribute, prefixes))
                    .append("='").append(escape(attribute.getValue(), true)).append('\'');
        }
        prefixes.forEach((uri, prefix) -> out.append(" xmlns:").append(prefix).append("='")
                .append(escape(uri, true)).append('\''));
        out.append(attributes);
    }

    /**
     * An attribute's name for printing: {@code xml:} and {@code scansion:} as such, other namespaces get
     * a generated prefix recorded in {@code prefixes} (uri to prefix) so the caller can declare it.
     */
    static String attributeName(Attribute attribute, Map<String, String> prefixes) {
        String uri = attribute.getNamespaceURI();
        if (uri == null || uri.isEmpty()) {
            return attribute.getName();
        }
        if (NS_XML.equals(uri)) {
            return "xml:" + attribute.getName();
        }
        if (NS_SCANSION.equals(uri)) {
            return "scansion:" + attribute.getName();
        }
        String prefix = prefixes.computeIfAbsent(uri, u -> "ns" + (prefixes.size() + 1));
        return prefix + ":" + attribute.getName();
    }

    /** Multi-line XML for humans: two-space indentation, whitespace-only text between children dropped. */
    public static String pretty(Element element) {
        StringBuilder out = new StringBuilder();
        writePretty(element, NS_CLIENT, "", out);
        return out.toString();
    }

    private static void writePretty(Element element, String parentNamespace, String indent, StringBuilder out) {
        if (element.elements().isEmpty()) {
            out.append(indent);
            writeCompact(element, parentNamespace, false, out);
            return;
        }
        String ns = element.getNamespaceURI();
        out.append(indent);
        writeStartTag(element, parentNamespace, false, out);
        out.append('>');
        String text = directText(element).strip();
        if (!text.isEmpty()) {
            out.append('\n').append(indent).append("  ").append(escape(text, false));
        }
        for (Element child : element.elements()) {
            out.append('\n');
            writePretty(child, ns, indent + "  ", out);
        }
        out.append('\n').append(indent).append("</").append(element.getName()).append('>');
    }

    /** XML-escapes text; {@code quotes} also escapes both quote characters (attribute values). */
    public static String escape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(quotes ? "&apos;" : "'");
                case '"' -> out.append(quotes ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    static String indent(String block, int spaces) {
        String pad = " ".repeat(spaces);
        return pad + block.replace("\n", "\n" + pad);
    }
}
