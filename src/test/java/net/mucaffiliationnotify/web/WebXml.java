package net.mucaffiliationnotify.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** web/WEB-INF/web.xml read as Openfire reads it: DOCTYPE refused, servlets by name, url-patterns by servlet. */
final class WebXml {
    static final Path FILE = Path.of("web", "WEB-INF", "web.xml");

    /** Servlet class name to its url-patterns, in file order. */
    final Map<String, List<String>> servlets = new LinkedHashMap<>();

    static WebXml read() throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        final DocumentBuilder builder = factory.newDocumentBuilder();
        final Document document = builder.parse(FILE.toFile());
        final Map<String, String> classes = new LinkedHashMap<>();
        final NodeList servlets = document.getDocumentElement().getElementsByTagNameNS("*", "servlet");
        for (int i = 0; i < servlets.getLength(); i++) {
            final Element servlet = (Element) servlets.item(i);
            classes.put(text(servlet, "servlet-name"), text(servlet, "servlet-class"));
        }
        final WebXml webXml = new WebXml();
        final NodeList mappings = document.getDocumentElement().getElementsByTagNameNS("*", "servlet-mapping");
        for (int i = 0; i < mappings.getLength(); i++) {
            final Element mapping = (Element) mappings.item(i);
            final String className = classes.get(text(mapping, "servlet-name"));
            final NodeList patterns = mapping.getElementsByTagNameNS("*", "url-pattern");
            for (int j = 0; j < patterns.getLength(); j++) {
                webXml.servlets.computeIfAbsent(className, c -> new ArrayList<>())
                    .add(patterns.item(j).getTextContent().trim());
            }
        }
        for (String className : classes.values()) {
            webXml.servlets.computeIfAbsent(className, c -> new ArrayList<>());
        }
        return webXml;
    }

    private static String text(Element parent, String name) {
        final NodeList nodes = parent.getElementsByTagNameNS("*", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
