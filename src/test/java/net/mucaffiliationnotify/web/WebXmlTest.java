package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import javax.servlet.GenericServlet;

import org.junit.Test;

/** web/WEB-INF/web.xml as Openfire's PluginServlet.registerServlets reads it. */
public class WebXmlTest {
    @Test
    public void hasNoDoctypeWhichOpenfiresParserRefuses() throws Exception {
        final String xml = Files.readString(WebXml.FILE, StandardCharsets.UTF_8);
        assertFalse(xml.contains("<!DOCTYPE"));
        WebXml.read(); // with disallow-doctype-decl, as Openfire's WebXmlUtils
    }

    @Test
    public void declaresBothPagesWithNoArgumentConstructors() throws Exception {
        final Map<String, List<String>> servlets = WebXml.read().servlets;
        assertEquals(Map.of(
            RoomSettingsServlet.class.getName(), List.of("/" + RoomSettingsServlet.PATH),
            ServiceSettingsServlet.class.getName(), List.of("/" + ServiceSettingsServlet.PATH)), servlets);
        for (String className : servlets.keySet()) {
            final Class<?> type = Class.forName(className);
            assertTrue(className, GenericServlet.class.isAssignableFrom(type));
            assertTrue(className, Modifier.isPublic(type.getModifiers()));
            // PluginServlet instantiates it with theClass.newInstance().
            assertTrue(className, Modifier.isPublic(type.getConstructor().getModifiers()));
            // Openfire creates the servlets before the plugin is initialised: constructing must not need it.
            type.getConstructor().newInstance();
        }
    }
}
