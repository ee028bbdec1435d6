package net.mucaffiliationnotify.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** {@link Notification}: every notification is addressed to one recipient session (R6). */
public class NotificationTest {

    @Test
    public void requiresAStanzaWithRecipient() {
        assertThrows(NullPointerException.class, () -> new Notification(null));
        assertThrows(NullPointerException.class, () -> new Notification(new Message()));
    }

    @Test
    public void keepsTheStanza() {
        final Message message = new Message();
        message.setTo(new JID("romeo@montague.lit/orchard"));
        assertEquals("romeo@montague.lit/orchard", new Notification(message).stanza().getTo().toString());
    }
}
