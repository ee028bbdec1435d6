package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The admin console entries of plugin.xml: where Openfire merges them, what they link, their texts. */
public class PluginXmlTest {
    private static Document pluginXml() throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(Path.of("plugin.xml").toFile());
    }

    private static Element element(Document document, String xpath) throws Exception {
        final XPath path = XPathFactory.newInstance().newXPath();
        final Element element = (Element) path.evaluate(xpath, document, XPathConstants.NODE);
        assertNotNull(xpath, element);
        return element;
    }

    @Test
    public void roomPageSitsAmongTheRoomOptions() throws Exception {
        final Element item = element(pluginXml(), "/plugin/adminconsole/tab[@id='tab-groupchat']"
            + "/sidebar[@id='sidebar-groupchat-administration']/item[@id='muc-room-summary']"
            + "/sidebar[@id='sidebar-groupchat-options']/item[@id='" + RoomSettingsServlet.SIDEBAR_ID + "']");
        assertEquals(RoomSettingsServlet.PATH, item.getAttribute("url"));
    }

    @Test
    public void overviewSitsInTheGroupChatSettings() throws Exception {
        final Element item = element(pluginXml(), "/plugin/adminconsole/tab[@id='tab-groupchat']"
            + "/sidebar[@id='sidebar-groupchat-settings']/item[@id='" + ServiceSettingsServlet.SIDEBAR_ID + "']");
        assertEquals(ServiceSettingsServlet.PATH, item.getAttribute("url"));
    }

    @Test
    public void entriesLinkServletsOfWebXml() throws Exception {
        final List<String> patterns = new ArrayList<>();
        WebXml.read().servlets.values().forEach(patterns::addAll);
        final NodeList items = pluginXml().getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            final Element item = (Element) items.item(i);
            if (item.hasAttribute("url")) {
                assertTrue(item.getAttribute("url"), patterns.contains("/" + item.getAttribute("url")));
            }
        }
    }

    @Test
    public void namesAndDescriptionsAreKeysOfEveryBundle() throws Exception {
        final NodeList items = pluginXml().getElementsByTagName("item");
        int keys = 0;
        for (String language : I18nTest.LANGUAGES) {
            final Properties bundle = new Properties();
            try (InputStream in = Files.newInputStream(I18nTest.file(language))) {
                bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (int i = 0; i < items.getLength(); i++) {
                final Element item = (Element) items.item(i);
                for (String attribute : new String[] {"name", "description"}) {
                    final String value = item.getAttribute(attribute);
                    if (value.isEmpty()) {
                        continue;
                    }
                    assertTrue(value, value.startsWith("${") && value.endsWith("}"));
                    final String key = value.substring(2, value.length() - 1);
                    assertNotNull(language + ": " + key, bundle.getProperty(key));
                    keys++;
                }
            }
        }
        assertEquals(4 * I18nTest.LANGUAGES.size(), keys);
    }

    /**
     * The release's version and date come from the pom (plugin.xml is filtered from it) and the changelog's
     * newest entry says the same: an admin sees one version and one date on the Plugins page.
     */
    @Test
    public void versionAndDateOfTheBuiltPluginXmlAreTheChangelogsNewest() throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        final Document built = factory.newDocumentBuilder().parse(Path.of("target/plugin-root/plugin.xml").toFile());
        final String version = built.getElementsByTagName("version").item(0).getTextContent();
        final String date = built.getElementsByTagName("date").item(0).getTextContent();
        assertTrue(version, version.matches("\\d+\\.\\d+\\.\\d+"));
        final java.util.regex.Matcher newest = java.util.regex.Pattern.compile("<p><b>([^<]+)</b> -- ([^<]+)</p>")
            .matcher(Files.readString(Path.of("changelog.html")));
        assertTrue("the changelog has an entry", newest.find());
        assertEquals(version, newest.group(1));
        assertEquals(java.time.LocalDate.parse(date), java.time.LocalDate.parse(newest.group(2),
            java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy", java.util.Locale.ENGLISH)));
    }
}
