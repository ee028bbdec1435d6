package net.mucaffiliationnotify.tracking;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;

/**
 * The affiliations last known, for one room, of the JIDs that requests in flight name.
 *
 * <p>Why a shared ledger and not a copy per request: requests capture their state before Openfire takes
 * the room lock, so two racing requests both see the state before either applies. Comparing against the
 * ledger, which each announcement advances, makes every change announced by exactly one request: the
 * first one to settle after it was applied. An entry lives while a request naming it is in flight, and
 * while a configuration form is in flight (a form demotes JIDs it does not name, so it re-checks every
 * JID the ledger holds).</p>
 *
 * <p>Not thread-safe: callers hold the ledger exclusively (see {@link LedgerStore}).</p>
 */
final class RoomLedger {
    private static final class Entry {
        MucAffiliation known;
        int refs;

        Entry(MucAffiliation known) {
            this.known = known;
        }
    }

    private final Map<JID, Entry> entries = new LinkedHashMap<>();
    private int formsInFlight;

    void acquire(PendingRequest pending, RoomState room) {
        for (JID target : pending.targets) {
            entries.computeIfAbsent(target, jid -> new Entry(room.affiliationOf(jid))).refs++;
        }
        if (pending.request.demotesUnnamed()) {
            formsInFlight++;
        }
    }

    /**
     * Compares the room's current lists with the ledger for the JIDs this request may have changed and
     * advances the ledger.
     *
     * @return the changes, in request order
     */
    List<AffiliationChange> settle(PendingRequest pending, RoomState room) {
        final Set<JID> toCheck = new LinkedHashSet<>(pending.targets);
        if (pending.request.demotesUnnamed()) {
            toCheck.addAll(entries.keySet());
        }
        final List<AffiliationChange> changes = new ArrayList<>();
        for (JID jid : toCheck) {
            final Entry entry = entries.get(jid);
            if (entry == null) {
                continue;
            }
            final MucAffiliation now = room.affiliationOf(jid);
            if (now != entry.known) {
                entry.known = now;
                changes.add(new AffiliationChange(jid, now, pending.request.reasonFor(jid)));
            }
        }
        return changes;
    }

    void release(PendingRequest pending) {
        for (JID target : pending.targets) {
            final Entry entry = entries.get(target);
            if (entry != null) {
                entry.refs--;
            }
        }
        if (pending.request.demotesUnnamed()) {
            formsInFlight--;
        }
        if (formsInFlight == 0) {
            final Iterator<Entry> it = entries.values().iterator();
            while (it.hasNext()) {
                if (it.next().refs <= 0) {
                    it.remove();
                }
            }
        }
    }

    /** @return the ledger as JDK types, for a clustered cache: JID to "affiliation,refs", and forms in flight */
    LinkedHashMap<String, String> encode() {
        final LinkedHashMap<String, String> data = new LinkedHashMap<>();
        data.put("#forms", Integer.toString(formsInFlight));
        entries.forEach((jid, e) -> data.put(jid.toString(), e.known.name() + "," + e.refs));
        return data;
    }

    /**
     * @param data a ledger as {@link #encode()} wrote it
     * @return the ledger
     */
    static RoomLedger decode(Map<String, String> data) {
        final RoomLedger ledger = new RoomLedger();
        data.forEach((k, v) -> {
            if (k.equals("#forms")) {
                ledger.formsInFlight = Integer.parseInt(v);
            } else {
                final String[] parts = v.split(",");
                final Entry e = new Entry(MucAffiliation.valueOf(parts[0]));
                e.refs = Integer.parseInt(parts[1]);
                ledger.entries.put(new JID(k), e);
            }
        });
        return ledger;
    }

    /** @return the JIDs that requests in flight name: their changes are theirs to announce */
    Set<JID> held() {
        final Set<JID> held = new LinkedHashSet<>();
        entries.forEach((jid, entry) -> {
            if (entry.refs > 0) {
                held.add(jid);
            }
        });
        return held;
    }

    boolean isEmpty() {
        return entries.isEmpty() && formsInFlight == 0;
    }

    int size() {
        return entries.size();
    }
}
