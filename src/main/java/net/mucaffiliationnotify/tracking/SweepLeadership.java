package net.mucaffiliationnotify.tracking;

import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node runs the periodic sweep for changes made outside XMPP: on a single node, this one; in a
 * cluster, the node holding the cluster-wide lock of {@link #KEY} in the histories cache. Every node that
 * has the plugin competes for it, so the sweep runs as long as any node has the plugin: 1.1.0 swept on the
 * senior member only, which may not have it, and then changes made elsewhere were never announced. The
 * holder keeps the lock until the plugin stops ({@link #release}) or it leaves the cluster (Hazelcast
 * releases the locks of a member that leaves); another node takes it at its next tick.
 *
 * <p>To be used from one thread only (the plugin's sweep thread): a cluster lock belongs to the
 * thread that took it. Correctness does not depend on it (the histories are shared, so a change is
 * announced once however many nodes sweep); it saves every other node the sweep's work.</p>
 */
public final class SweepLeadership implements BooleanSupplier {
    private static final Logger Log = LoggerFactory.getLogger(SweepLeadership.class);
    /** The key locked: never a room's key (those are bare JIDs). */
    public static final String KEY = "#sweep";

    private final Function<String, Lock> locks;
    private final BooleanSupplier clustered;
    private Lock held;

    /**
     * @param locks the cluster-wide lock of a key of the histories cache (Openfire: {@code cache::getLock})
     * @param clustered whether the node is in a cluster now
     */
    public SweepLeadership(Function<String, Lock> locks, BooleanSupplier clustered) {
        this.locks = locks;
        this.clustered = clustered;
    }

    /** @return whether this node sweeps now, taking the lead if nobody holds it */
    @Override
    public boolean getAsBoolean() {
        if (!clustered.getAsBoolean()) {
            // A lock taken in a cluster the node has left means nothing any more.
            held = null;
            return true;
        }
        if (held == null) {
            final Lock lock = locks.apply(KEY);
            if (lock.tryLock()) {
                held = lock;
                Log.debug("This node now sweeps for affiliation changes made outside XMPP.");
            }
        }
        return held != null;
    }

    /** Gives up the lead (the plugin is stopping), so that another node takes it at once. */
    public void release() {
        final Lock lock = held;
        held = null;
        if (lock != null) {
            try {
                lock.unlock();
            } catch (RuntimeException e) {
                // The cluster is gone (the lock with it) or the lock was already released by the member leaving.
                Log.debug("Could not release the sweep's lock", e);
            }
        }
    }
}
