package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.settings.RoomKey;

/** Settings keys of room JIDs, hostile ones included. */
public class OpenfireRoomCatalogTest {
    private final MockMuc muc = new MockMuc();
    private final OpenfireRoomCatalog catalog = new OpenfireRoomCatalog(muc.manager);

    @Test
    public void aRoomOfAServiceHasAKey() {
        assertEquals(new RoomKey("conference", "lobby"), catalog.keyOf(new JID("lobby@" + MockMuc.SERVICE)));
        assertNull(catalog.keyOf(new JID(MockMuc.SERVICE)));
        assertNull(catalog.keyOf(new JID("lobby@elsewhere.example")));
    }

    /** 1.1.0 threw here (RoomKey refuses names over 255 characters), once per stanza to such a room. */
    @Test
    public void aNameTooLongForASettingHasNoKeyInsteadOfAFailure() {
        assertNull(catalog.keyOf(new JID("r".repeat(RoomKey.MAX_LENGTH + 1) + "@" + MockMuc.SERVICE)));
        assertEquals(RoomKey.MAX_LENGTH,
            catalog.keyOf(new JID("r".repeat(RoomKey.MAX_LENGTH) + "@" + MockMuc.SERVICE)).room().length());
    }
}
