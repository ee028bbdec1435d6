package net.mucaffiliationnotify.benchmarks;

import org.dom4j.DocumentHelper;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * The owner's (user0's) one-item muc#admin request, granting then revoking Juliet's membership in turn so
 * that every request changes something, driven as Openfire routes it: the request in, the handler applying
 * it, the result routed and processed, the request processed.
 */
final class AlternatingGrant {
    private final BenchRooms.Room room;
    private final JID target = new JID("juliet@example.org");
    private final IQ grant;
    private final IQ revoke;
    private final IQ grantResult;
    private final IQ revokeResult;
    private boolean granted;

    AlternatingGrant(BenchRooms.Room room) throws Exception {
        this.room = room;
        grant = request(room, "grant", "member");
        revoke = request(room, "revoke", "none");
        grantResult = IQ.createResultIQ(grant);
        revokeResult = IQ.createResultIQ(revoke);
    }

    private static IQ request(BenchRooms.Room room, String id, String affiliation) throws Exception {
        final IQ iq = new IQ(DocumentHelper.parseText("<iq type='set' id='" + id + "' from='user0@example.org/res' "
            + "to='" + room.jid() + "'><query xmlns='http://jabber.org/protocol/muc#admin'>"
            + "<item affiliation='" + affiliation + "' jid='juliet@example.org'/></query></iq>").getRootElement());
        // Openfire has parsed the addresses while routing, before interceptors run.
        iq.getTo();
        iq.getFrom();
        return iq;
    }

    /**
     * @param interceptor the interceptor to drive
     * @return the request
     * @throws PacketRejectedException never (replies are held only in a cluster)
     */
    IQ run(PacketInterceptor interceptor) throws PacketRejectedException {
        final IQ request = granted ? revoke : grant;
        final IQ result = granted ? revokeResult : grantResult;
        interceptor.interceptPacket(request, null, true, false);
        if (granted) {
            room.affiliations.remove(target);
        } else {
            room.affiliations.put(target, MucAffiliation.member);
        }
        granted = !granted;
        interceptor.interceptPacket(result, null, true, false);
        interceptor.interceptPacket(result, null, true, true);
        interceptor.interceptPacket(request, null, true, true);
        return request;
    }
}
