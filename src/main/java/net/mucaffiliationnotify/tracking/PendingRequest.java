package net.mucaffiliationnotify.tracking;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.requests.AffiliationRequest;
import net.mucaffiliationnotify.versioning.VersionStep;

/**
 * A request seen entering the server and not yet announced: what it names, who was in the room then,
 * and the thread that carries it (Openfire processes a request and routes its reply on that thread).
 */
final class PendingRequest {
    final Object packet;
    final AffiliationRequest request;
    final List<JID> targets;
    final Set<JID> presentAtCapture;
    final Thread thread;
    final long capturedAtNanos;
    private final AtomicBoolean done = new AtomicBoolean();
    /**
     * A reply held back until the request is settled (cluster mode). Holding it and claiming the request
     * exclude each other (this object's monitor): a reply is held only while the request is not claimed, so
     * whoever claims it (the packet thread, or the housekeeping thread expiring it) finds the reply and
     * delivers it.
     */
    private Packet heldReply;
    /** XEP-0463 steps of occupants whose presence Openfire broadcast for this request, by bare JID. */
    final Map<JID, VersionStep> presenceSteps = new ConcurrentHashMap<>();
    /** The occupants whose presence copies named them by nickname only, by nickname. */
    final Map<String, JID> occupantsByNickname = new ConcurrentHashMap<>();

    PendingRequest(Object packet, AffiliationRequest request, List<JID> targets, Set<JID> presentAtCapture,
                   Thread thread, long capturedAtNanos) {
        this.packet = packet;
        this.request = request;
        this.targets = List.copyOf(targets);
        this.presentAtCapture = Set.copyOf(presentAtCapture);
        this.thread = thread;
        this.capturedAtNanos = capturedAtNanos;
    }

    /** @return true for the one caller that gets to settle or drop this request */
    synchronized boolean claim() {
        return done.compareAndSet(false, true);
    }

    /**
     * @param reply the request's reply
     * @return whether it is now held: not when the request was claimed already (its reply then goes on as
     *     Openfire routes it) or a reply is held already
     */
    synchronized boolean hold(Packet reply) {
        if (done.get() || heldReply != null) {
            return false;
        }
        heldReply = reply;
        return true;
    }

    /** @return whether a reply is held */
    synchronized boolean holdsReply() {
        return heldReply != null;
    }

    /** @return the held reply, no longer held, or {@code null} */
    synchronized Packet takeHeldReply() {
        final Packet reply = heldReply;
        heldReply = null;
        return reply;
    }

    boolean isDone() {
        return done.get();
    }

    /**
     * @return whether Openfire routes this request's reply while it still holds the room lock, before it
     *     puts the changed room back into the (clustered) room cache: muc#admin and muc#owner results and
     *     errors, and the error message answering a refused invitation. A registration is answered after.
     */
    boolean repliedBeforeSync() {
        return request.kind() != AffiliationRequest.Kind.REGISTRATION;
    }

    boolean isReplyTo(JID replyFrom, JID replyTo, String replyId) {
        return request.addressee().equals(replyFrom)
            && request.requester().equals(replyTo)
            && java.util.Objects.equals(request.stanzaId(), replyId);
    }
}
