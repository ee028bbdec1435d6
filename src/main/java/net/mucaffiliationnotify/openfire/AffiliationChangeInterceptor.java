package net.mucaffiliationnotify.openfire;

import org.jivesoftware.openfire.interceptor.PacketInterceptor;
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
 * messages, IQs that are not sets to a MUC room, and replies while no request is followed. It never throws
 * and never rejects a packet.</p>
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
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) {
        if (!incoming) {
            return;
        }
        try {
            if (packet instanceof IQ) {
                intercept((IQ) packet, processed);
            } else if (packet instanceof Message) {
                intercept((Message) packet, processed);
            }
        } catch (RuntimeException e) {
            Log.warn("Ignoring a failure while following affiliation changes for stanza {}", packet.getID(), e);
        }
    }

    private void intercept(IQ iq, boolean processed) {
        if (processed) {
            if (tracker.hasPending()) {
                tracker.requestProcessed(iq);
            }
            return;
        }
        final IQ.Type type = iq.getType();
        if (type == IQ.Type.set) {
            if (mucDomains.isRoomAddress(iq.getTo())) {
                final AffiliationRequest request = AffiliationRequestParser.fromIq(iq);
                if (request != null) {
                    tracker.requestReceived(iq, request);
                }
            }
        } else if ((type == IQ.Type.result || type == IQ.Type.error) && tracker.hasPending()) {
            tracker.replyRouted(iq);
        }
    }

    private void intercept(Message message, boolean processed) {
        final Message.Type type = message.getType();
        if (type == Message.Type.groupchat || type == Message.Type.chat || type == Message.Type.error) {
            return;
        }
        if (processed) {
            if (tracker.hasPending()) {
                tracker.requestProcessed(message);
            }
            return;
        }
        if (mucDomains.isRoomAddress(message.getTo())) {
            final AffiliationRequest request = AffiliationRequestParser.fromMessage(message);
            if (request != null) {
                tracker.requestReceived(message, request);
            }
        }
    }
}
