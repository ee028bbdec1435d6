package net.mucaffiliationnotify.openfire;

import java.time.Instant;

import org.dom4j.Element;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.requests.AffiliationRequest;
import net.mucaffiliationnotify.requests.AffiliationRequestParser;
import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.tracking.AffiliationVersions;
import net.mucaffiliationnotify.tracking.ChangeTracker;
import net.mucaffiliationnotify.versioning.Mav;

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
    /** Hostile input or an outage would otherwise log one stack trace per stanza. */
    private static final ThrottledWarning FAILED = new ThrottledWarning(Log,
        "Ignoring a failure while following affiliation changes for stanza {}");

    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    private final MucServiceDomains mucDomains;
    private final ChangeTracker tracker;
    private final AffiliationVersions versions;
    private final PluginCounters counters;

    /**
     * @param mucDomains recognises room addresses
     * @param tracker follows the requests
     */
    public AffiliationChangeInterceptor(MucServiceDomains mucDomains, ChangeTracker tracker) {
        this(mucDomains, tracker, null);
    }

    /**
     * @param mucDomains recognises room addresses
     * @param tracker follows the requests
     * @param versions XEP-0463 versioning, or {@code null} for notifications only
     */
    public AffiliationChangeInterceptor(MucServiceDomains mucDomains, ChangeTracker tracker,
                                        AffiliationVersions versions) {
        this(mucDomains, tracker, versions, new PluginCounters(Instant.EPOCH));
    }

    /**
     * @param mucDomains recognises room addresses
     * @param tracker follows the requests
     * @param versions XEP-0463 versioning, or {@code null} for notifications only
     * @param counters counts the failures it ignores
     */
    public AffiliationChangeInterceptor(MucServiceDomains mucDomains, ChangeTracker tracker,
                                        AffiliationVersions versions, PluginCounters counters) {
        this.counters = counters;
        this.mucDomains = mucDomains;
        this.tracker = tracker;
        this.versions = versions;
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
            } else if (versions != null && !processed && packet instanceof Presence) {
                intercept((Presence) packet);
            }
        } catch (RuntimeException e) {
            counters.increment(Counter.FAILURES);
            FAILED.warn(packet.getID(), e);
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
                // Only what Openfire can accept is parsed: a refused request costs nothing more (issue 11).
                final AffiliationRequest.Kind kind = AffiliationRequestParser.kindOf(iq);
                if (kind != null && tracker.mayFollow(iq.getTo().asBareJID(), iq.getFrom(), kind)) {
                    final AffiliationRequest request = AffiliationRequestParser.fromIq(iq, tracker.maxTargets());
                    if (request != null) {
                        tracker.requestReceived(iq, request);
                    }
                }
            }
        } else if ("result".equals(type)) {
            if (versions != null) {
                advertise(element);
            }
            return tracker.hasPending() && tracker.replyRouted(iq);
        } else if ("error".equals(type) && tracker.hasPending()) {
            return tracker.replyRouted(iq);
        }
        return false;
    }

    /** V1: a room's disco#info result lists the XEP-0463 feature while versioning is on for the room. */
    private void advertise(Element iq) {
        final Element query = iq.element("query");
        if (query == null || !DISCO_INFO.equals(query.getNamespaceURI()) || query.attributeValue("node") != null) {
            return;
        }
        final String from = iq.attributeValue("from");
        if (!mucDomains.isRoomAddress(from) || from.indexOf('/') >= 0) {
            return;
        }
        if (!versions.isEnabled(new JID(from))) {
            return;
        }
        for (Element feature : query.elements("feature")) {
            if (Mav.NAMESPACE.equals(feature.attributeValue("var"))) {
                return;
            }
        }
        query.addElement("feature").addAttribute("var", Mav.NAMESPACE);
    }

    /**
     * XEP-0463: a join presence asking for the list (V3), and presences the room sends its occupants (V4–V6).
     */
    private void intercept(Presence presence) {
        final Element element = presence.getElement();
        if (mucDomains.isRoomAddress(element.attributeValue("from"))) {
            versions.presenceFromRoom(presence);
        } else if (element.attributeValue("type") == null && mucDomains.isRoomAddress(element.attributeValue("to"))
                && Mav.isJoin(element)) {
            versions.joinRequested(presence, Mav.request(element));
        }
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
        if (mucDomains.isRoomAddress(element.attributeValue("to")) && AffiliationRequestParser.isInvitation(message)
                && tracker.mayFollow(message.getTo().asBareJID(), message.getFrom(), AffiliationRequest.Kind.INVITATION)) {
            final AffiliationRequest request = AffiliationRequestParser.fromMessage(message, tracker.maxTargets());
            if (request != null) {
                tracker.requestReceived(message, request);
            }
        }
        return false;
    }
}
