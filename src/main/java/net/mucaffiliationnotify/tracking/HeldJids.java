package net.mucaffiliationnotify.tracking;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.xmpp.packet.JID;

/**
 * The JIDs that requests in flight name, in one room, each with how many requests name it. A change of a
 * held JID is left to the request that names it, even when it is already applied: that request announces
 * it, with its reason and in its order, when it settles. Not thread-safe: callers hold the room's lock.
 */
public final class HeldJids {
    /** Encodes held JIDs as lines of {@code jid<TAB>count}, for a clustered cache. */
    public static final RoomStore.Codec<HeldJids> CODEC = new RoomStore.Codec<>() {
        @Override
        public String encode(HeldJids held) {
            final StringBuilder text = new StringBuilder(48 * held.counts.size());
            held.counts.forEach((jid, count) -> text.append(jid).append('\t').append(count).append('\n'));
            return text.toString();
        }

        @Override
        public HeldJids decode(JID room, String text) {
            final HeldJids held = new HeldJids();
            try {
                text.lines().forEach(line -> {
                    final int tab = line.indexOf('\t');
                    held.counts.put(new JID(line.substring(0, tab)), Integer.parseInt(line.substring(tab + 1)));
                });
            } catch (RuntimeException e) {
                return null;
            }
            return held;
        }
    };

    private final Map<JID, Integer> counts = new LinkedHashMap<>();

    void acquire(Collection<JID> jids) {
        for (JID jid : jids) {
            counts.merge(jid, 1, Integer::sum);
        }
    }

    void release(Collection<JID> jids) {
        for (JID jid : jids) {
            counts.computeIfPresent(jid, (j, count) -> count <= 1 ? null : count - 1);
        }
    }

    /**
     * @param mine the JIDs one request names
     * @return the JIDs other requests hold and that one does not name: their changes are not its to announce
     */
    Set<JID> heldByOthers(Collection<JID> mine) {
        final Set<JID> others = new LinkedHashSet<>(counts.keySet());
        others.removeAll(mine);
        return others;
    }

    /** @return every JID held */
    Set<JID> all() {
        return new LinkedHashSet<>(counts.keySet());
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }
}
