package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.util.JiveProperties;
import org.jivesoftware.util.SystemProperty;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.mockito.MockedStatic;

import net.mucaffiliationnotify.settings.Setting;

/**
 * The plugin's two writes of system properties, the version secret and the global switch, go through
 * JiveProperties (the member whose descriptor every supported Openfire shares): stored, encrypted where
 * the property says so, heard by the property's listeners.
 */
public class SystemPropertyWriterTest {
    @BeforeClass
    public static void withoutDatabase() {
        OpenfireWithoutDatabase.configure();
    }

    private MockedStatic<XMPPServer> server;

    @Before
    public void setUp() {
        // The real SystemProperty asks the PluginManager for the plugin's i18n description.
        final XMPPServer xmppServer = mock(XMPPServer.class);
        when(xmppServer.getPluginManager()).thenReturn(mock(PluginManager.class));
        server = mockStatic(XMPPServer.class);
        server.when(XMPPServer::getInstance).thenReturn(xmppServer);
        clear();
    }

    @After
    public void tearDown() {
        clear();
        server.close();
    }

    private static void clear() {
        SystemProperty.removePropertiesForPlugin(OpenfireSettingLevels.PLUGIN_NAME);
        JiveProperties.getInstance().remove(VersioningProperties.SECRET_KEY);
        for (Setting setting : Setting.values()) {
            JiveProperties.getInstance().remove(setting.globalProperty());
        }
    }

    @Test
    public void secretIsCreatedOnceStoredAndKept() {
        assertNull(JiveProperties.getInstance().get(VersioningProperties.SECRET_KEY));
        final VersioningProperties properties = VersioningProperties.register();
        final byte[] first = properties.secret();
        final String stored = JiveProperties.getInstance().get(VersioningProperties.SECRET_KEY);
        assertEquals(32, Base64.getDecoder().decode(stored).length);
        assertArrayEquals(stored.getBytes(java.nio.charset.StandardCharsets.US_ASCII), first);
        assertArrayEquals(first, properties.secret());
    }

    @Test
    public void secretStoredBeforeIsUsedAsIs() {
        JiveProperties.getInstance().put(VersioningProperties.SECRET_KEY, "c2VjcmV0", true);
        assertEquals("c2VjcmV0", new String(VersioningProperties.register().secret(), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    public void globalSwitchIsStoredAndHeard() {
        final SystemProperty<Boolean> global = OpenfireSettingLevels.registerGlobalProperty(Setting.NOTIFICATIONS);
        final List<Boolean> heard = new ArrayList<>();
        global.addListener(heard::add);
        final OpenfireSettingLevels levels = new OpenfireSettingLevels(global, Setting.NOTIFICATIONS.serviceProperty());
        assertTrue(levels.globalEnabled());

        levels.setGlobalEnabled(false);
        assertEquals("false", JiveProperties.getInstance().get("plugin.mucaffiliationnotify.enabled"));
        assertFalse(levels.globalEnabled());
        levels.setGlobalEnabled(true);
        assertTrue(levels.globalEnabled());
        assertEquals(List.of(false, true), heard);
        assertFalse(global.isEncrypted());
    }

    /** Telling the affected user is off until an admin switches it on; its own property, apart from the main switch. */
    @Test
    public void affectedUsersGlobalSwitchIsOffByDefaultAndStoredApart() {
        final OpenfireSettingLevels notifications = OpenfireSettingLevels.register(Setting.NOTIFICATIONS);
        final OpenfireSettingLevels affectedUser = OpenfireSettingLevels.register(Setting.AFFECTED_USER);
        assertTrue(notifications.globalEnabled());
        assertFalse(affectedUser.globalEnabled());

        affectedUser.setGlobalEnabled(true);
        assertEquals("true", JiveProperties.getInstance().get("plugin.mucaffiliationnotify.affectedUser.enabled"));
        assertTrue(affectedUser.globalEnabled());
        notifications.setGlobalEnabled(false);
        assertTrue(affectedUser.globalEnabled());
        assertFalse(notifications.globalEnabled());
    }
}
