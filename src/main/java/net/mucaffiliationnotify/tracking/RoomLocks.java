package net.mucaffiliationnotify.tracking;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.xmpp.packet.JID;

/**
 * The one lock per room under which its changes are read, recorded and handed over for delivery
 * ({@link RoomChanges}): what requests in flight hold and the room's history are only touched while it is
 * held, so a room's announcements leave in the order of its history. On a single node, a fixed set of
 * reentrant locks (a room maps to one of them); in a cluster, the cluster-wide lock of the room's key.
 */
public interface RoomLocks {
    /**
     * @param room a bare room JID
     * @return the room's lock (reentrant)
     */
    Lock of(JID room);

    /** Local locks: enough stripes that unrelated rooms rarely wait for each other. */
    int STRIPES = 1024;

    /** @return locks of this JVM */
    static RoomLocks local() {
        final Lock[] stripes = new Lock[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        return room -> stripes[Math.floorMod(room.toBareJID().hashCode(), STRIPES)];
    }

    /**
     * @param locks the cluster-wide lock of a cache key (Openfire: {@code cache::getLock})
     * @return locks shared by all cluster nodes, keyed by the bare room JID
     */
    static RoomLocks clustered(Function<String, Lock> locks) {
        return room -> locks.apply(room.toBareJID());
    }

    /**
     * @param clustered whether the node is in a cluster now
     * @param local the locks used on a single node
     * @param shared the locks used in a cluster
     * @return locks that follow the node joining and leaving a cluster
     */
    static RoomLocks following(BooleanSupplier clustered, RoomLocks local, RoomLocks shared) {
        return room -> clustered.getAsBoolean() ? shared.of(room) : local.of(room);
    }
}
