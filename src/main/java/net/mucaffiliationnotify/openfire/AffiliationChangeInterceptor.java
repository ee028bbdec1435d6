package net.mucaffiliationnotify.openfire;

import org.dom4j.Element;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.requests.AffiliationRequest;
import net.mucaffiliationnotify.requests.AffiliationRequestParser;
import net.mucaffiliationnotify.tracking.ChangeTracker;

/**
 * Hands the stanzas that matter to the {@link ChangeTracker}: affiliation requests entering
 * ({@code incoming, !processed}), replies routed back ({@code incoming, !processed}, IQ result or error) and
 * the end of a request's processing ({@code incoming, processed}).
 *
 * <p>Everything else returns after a few field reads: outgoing stanzas, presences, groupchat and chat
 * messages, IQs that are not sets to a MUC room, and replies while no request is followed.</p>
 *
 * <p>It never throws, with one deliberate exception: in a cluster it stops the reply to a muc#admin or
 * muc#owner request (or the error answering an invitation) ({@link PacketRejectedException}; Openfire drops a rejected server-generated reply
 * silently) because the tracker holds it and delivers it itself, right after the notifications, once
 * Openfire has put the changed room back into the clustered cache.</p>
 */
public final class AffiliationChangeInterceptor implements PacketInterceptor {
    private static final Logger Log = LoggerFactory.getLogger(AffiliationChangeInterceptor.class);

    private final MucServiceDomains mucDomains;
    private final ChangeTracker tracker;

    /**
     * @param mucDomains recognises room addresses
     * @param tracker follows the requests
     */
    public AffiliationChangeInterceptor(MucServiceDomains mucDomains, ChangeTracker tracker) {
        this.mucDomains = mucDomains;
        this.tracker = tracker;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed)
            throws PacketRejectedException {
        if (!incoming) {
            return;
        }
        boolean held = false;
        try {
            if (packet instanceof IQ) {
                held = intercept((IQ) packet, processed);
            } else if (packet instanceof Message) {
                held = intercept((Message) packet, processed);
            }
        } catch (RuntimeException e) {
            Log.warn("Ignoring a failure while following affiliation changes for stanza {}", packet.getID(), e);
        }
        if (held) {
            throw new PacketRejectedException("Held until the room's affiliation notifications are sent");
        }
    }

    /** @return whether the tracker holds this reply (muc#admin/muc#owner, in a cluster) */
    private boolean intercept(IQ iq, boolean processed) {
        if (processed) {
            if (tracker.hasPending()) {
                tracker.requestProcessed(iq);
            }
            return false;
        }
        // Attributes as strings: Tinder's getType() throws on values it does not know, getTo() allocates.
        final Element element = iq.getElement();
        final String type = element.attributeValue("type");
        if ("set".equals(type)) {
            if (mucDomains.isRoomAddress(element.attributeValue("to"))) {
                final AffiliationRequest request = AffiliationRequestParser.fromIq(iq);
                if (request != null) {
                    tracker.requestReceived(iq, request);
                }
            }
        } else if (("result".equals(type) || "error".equals(type)) && tracker.hasPending()) {
            return tracker.replyRouted(iq);
        }
        return false;
    }

    /** @return whether the tracker holds this message (the room's error answering an invitation, in a cluster) */
    private boolean intercept(Message message, boolean processed) {
        if (processed) {
            if (tracker.hasPending()) {
                tracker.requestProcessed(message);
            }
            return false;
        }
        final Element element = message.getElement();
        final String type = element.attributeValue("type");
        if (type != null && !"normal".equals(type)) {
            // Invitations are normal messages; the room's answer to a refused one is an error.
            return "error".equals(type) && tracker.hasPending() && tracker.replyRouted(message);
        }
        if (mucDomains.isRoomAddress(element.attributeValue("to"))) {
            final AffiliationRequest request = AffiliationRequestParser.fromMessage(message);
            if (request != null) {
                tracker.requestReceived(message, request);
            }
        }
        return false;
    }
}
