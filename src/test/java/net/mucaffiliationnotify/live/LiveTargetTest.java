package net.mucaffiliationnotify.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Test;

/** Which server the live suite runs against, from the live.* properties. */
public class LiveTargetTest {
    private static final Path WORK = Path.of("target", "live-target-test");

    @Test
    public void withoutAServerItSaysWhatToGive() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LiveTarget.from(Map.of("live.openfire", "", "live.host", " "), WORK));
        assertTrue(e.getMessage(), e.getMessage().contains("-Dlive.openfire=<unpacked Openfire distribution>"));
        assertTrue(e.getMessage(), e.getMessage().contains("-Dlive.host=<host>"));
    }

    @Test
    public void aRunningServerWithItsDefaults() throws Exception {
        final LiveTarget target = LiveTarget.from(Map.of("live.host", "127.0.0.6"), WORK);
        assertEquals("127.0.0.6", target.host());
        assertEquals(5222, target.port());
        assertEquals("localhost", target.domain());
        assertEquals(URI.create("http://127.0.0.6:9090"), target.adminConsole());
        assertEquals("admin", target.adminUser());
        assertEquals("admin", target.adminPassword());
        assertNull("nothing to start or stop", target.instance());
    }

    @Test
    public void aRunningServerAsGiven() throws Exception {
        final LiveTarget target = LiveTarget.from(Map.of("live.host", "xmpp.test", "live.port", "15222",
            "live.domain", "example.org", "live.admin", "https://console.test:9091", "live.adminUser", "root",
            "live.adminPassword", "secret"), WORK);
        assertEquals(15222, target.port());
        assertEquals("example.org", target.domain());
        assertEquals(URI.create("https://console.test:9091"), target.adminConsole());
        assertEquals("root", target.adminUser());
        assertEquals("secret", target.adminPassword());
    }

    @Test
    public void aDistributionThatIsNoneIsRefusedBeforeAnythingStarts() {
        assertThrows(IllegalArgumentException.class, () -> LiveTarget.from(
            Map.of("live.openfire", Path.of("src").toAbsolutePath().toString()), WORK.resolve("none")));
    }
}
