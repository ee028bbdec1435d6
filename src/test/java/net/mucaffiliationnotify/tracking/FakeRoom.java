package net.mucaffiliationnotify.tracking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.BareJids;
import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.rules.Occupant;
import net.mucaffiliationnotify.rules.RoomSnapshot;

/** An in-memory room for tracker tests: affiliation lists and occupants, safe to read from any thread. */
final class FakeRoom implements RoomState {
    private final JID jid;
    private final Map<JID, MucAffiliation> affiliations = new LinkedHashMap<>();
    private final List<Occupant> occupants = new ArrayList<>();
    private final Map<String, JID> nicknames = new LinkedHashMap<>();
    private volatile boolean membersOnly;
    private volatile boolean nonAnonymous;
    private final java.util.Set<String> sysadmins = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Reads of what is proportional to the room (lists, occupants, the whole state). */
    final java.util.concurrent.atomic.AtomicInteger roomSizedReads = new java.util.concurrent.atomic.AtomicInteger();
    /** How many of the next whole-state reads fail, as Openfire's group provider may. */
    final java.util.concurrent.atomic.AtomicInteger failingStateReads = new java.util.concurrent.atomic.AtomicInteger();

    FakeRoom(String jid) {
        this.jid = new JID(jid);
    }

    FakeRoom nonAnonymous(boolean value) {
        nonAnonymous = value;
        return this;
    }

    FakeRoom membersOnly(boolean value) {
        membersOnly = value;
        return this;
    }

    /** Makes a JID a sysadmin of the room's service (Openfire treats it as an owner), or no longer one. */
    FakeRoom sysadmin(String bareJid, boolean value) {
        if (value) {
            sysadmins.add(bareJid);
        } else {
            sysadmins.remove(bareJid);
        }
        return this;
    }

    @Override
    public boolean membersOnly() {
        return membersOnly;
    }

    @Override
    public MucAffiliation viewerAffiliation(JID bareJid) {
        return sysadmins.contains(bareJid.toBareJID()) ? MucAffiliation.owner : affiliationOf(bareJid);
    }

    @Override
    public net.mucaffiliationnotify.versioning.ListContext listContext() {
        return new net.mucaffiliationnotify.versioning.ListContext(membersOnly, nonAnonymous, sysadmins);
    }

    /** Openfire group JIDs listed in the room, and the members each expands to. */
    private final Map<JID, List<String>> groups = new LinkedHashMap<>();

    /**
     * Lists a group with an affiliation, as Openfire stores a group JID in a room's list: the lists then hold
     * the group JID, and the whole state (XEP-0045 queries) its members.
     */
    synchronized FakeRoom group(String groupJid, MucAffiliation affiliation, String... members) {
        groups.put(new JID(groupJid), List.of(members));
        return set(groupJid, affiliation);
    }

    synchronized FakeRoom set(String bareJid, MucAffiliation affiliation) {
        final JID key = new JID(bareJid).asBareJID();
        if (affiliation == MucAffiliation.none) {
            affiliations.remove(key);
        } else {
            affiliations.put(key, affiliation);
        }
        return this;
    }

    synchronized FakeRoom join(String fullJid, boolean moderator) {
        occupants.add(new Occupant(new JID(fullJid), moderator, false));
        return this;
    }

    synchronized FakeRoom join(String fullJid, boolean moderator, String nickname) {
        nicknames.put(nickname, new JID(fullJid).asBareJID());
        return join(fullJid, moderator);
    }

    synchronized FakeRoom leave(String bareJid) {
        final JID bare = new JID(bareJid);
        occupants.removeIf(o -> BareJids.same(o.realJid(), bare));
        nicknames.values().removeIf(jid -> BareJids.same(jid, bare));
        return this;
    }

    @Override
    public JID jid() {
        return jid;
    }

    @Override
    public synchronized MucAffiliation affiliationOf(JID bareJid) {
        return affiliations.getOrDefault(bareJid, MucAffiliation.none);
    }

    @Override
    public synchronized Collection<JID> owners() {
        roomSizedReads.incrementAndGet();
        return withAffiliation(MucAffiliation.owner);
    }

    @Override
    public synchronized Collection<JID> admins() {
        roomSizedReads.incrementAndGet();
        return withAffiliation(MucAffiliation.admin);
    }

    private List<JID> withAffiliation(MucAffiliation wanted) {
        final List<JID> result = new ArrayList<>();
        affiliations.forEach((k, v) -> {
            if (v == wanted) {
                result.add(k);
            }
        });
        return result;
    }

    @Override
    public synchronized Map<String, MucAffiliation> affiliationState() {
        roomSizedReads.incrementAndGet();
        if (failingStateReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("group provider unavailable");
        }
        final Map<String, MucAffiliation> state = new LinkedHashMap<>();
        affiliations.forEach((jid, affiliation) -> {
            final List<String> members = groups.get(jid);
            if (members == null) {
                state.put(jid.toBareJID(), affiliation);
            } else {
                members.forEach(member -> state.putIfAbsent(member, affiliation));
            }
        });
        return state;
    }

    @Override
    public synchronized JID occupantByNickname(String nickname) {
        return nicknames.get(nickname);
    }

    @Override
    public synchronized RoomSnapshot snapshot() {
        roomSizedReads.incrementAndGet();
        return new RoomSnapshot(jid, membersOnly, nonAnonymous, occupants);
    }
}
