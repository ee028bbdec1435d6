package net.mucaffiliationnotify.openfire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jivesoftware.openfire.event.GroupEventListener;
import org.jivesoftware.openfire.group.Group;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.group.GroupNotFoundException;
import org.jivesoftware.openfire.muc.MUCRoom;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.groups.GroupChange;
import net.mucaffiliationnotify.groups.GroupChangeChecks;
import net.mucaffiliationnotify.groups.LoadedRoom;
import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * Openfire's group events, passed on as the {@link GroupChange}s they are, so that the rooms listing a group
 * are checked at once instead of at the next sweep (issue 15); {@link GroupChangeChecks} does the work, on
 * its own thread: each method here returns at once and never throws.
 *
 * <p>What counts: a member or an administrator added or removed (the group JID now stands for other users),
 * the group's deletion and its rename (the rooms' lists change). The creation of a group (its users, as
 * they are added, come with member events) and the other modifications
 * (description, shared-roster properties: who the group JID stands for does not change) are ignored.
 * Openfire 5.0.0 to 5.2 dispatch the same events with the same parameters.
 *
 * <p><b>In a cluster</b>, Openfire dispatches a group event only on the node where the group changed
 * ({@code GroupEventDispatcher} is a local list of listeners, and neither Openfire nor its Hazelcast plugin
 * sends group events to other nodes); the other nodes see the new members through the clustered group cache.
 * So the rooms are checked by that node only, among the rooms of the whole cluster (a service's loaded rooms
 * are the clustered room cache's), and the other nodes' sweeps find nothing more to announce: the rooms'
 * histories are shared and stepped under a cluster lock, so each change is announced once whichever node gets
 * to it first. Openfire's own rooms do not all follow a deletion or a rename there (a room listens on the
 * node that loaded it, and changes that copy only): such a room keeps naming a group that no longer stands
 * for anyone, which Openfire's list queries then show as nobody, and so does the check, once it has waited
 * for Openfire ({@link GroupChangeChecks}).
 */
final class GroupChangeListener implements GroupEventListener {
    private static final Logger Log = LoggerFactory.getLogger(GroupChangeListener.class);
    /** The background thread that looks up and checks the rooms. */
    static final String THREAD = "mucaffiliationnotify-groups";

    private final GroupChangeChecks checks;

    GroupChangeListener(GroupChangeChecks checks) {
        this.checks = checks;
    }

    /**
     * Starts the background thread; the caller registers the listener with Openfire's GroupEventDispatcher,
     * and calls {@link #stop} after removing it.
     *
     * @param manager Openfire's MUC services
     * @param check checks one room (its bare JID) for affiliation changes and announces them
     * @param counters where failures are counted
     * @return the listener
     */
    static GroupChangeListener start(MultiUserChatManager manager, Consumer<JID> check, PluginCounters counters) {
        return start(manager, check, counters, GroupChangeListener::exists);
    }

    /** As above, with whether a group exists answered by {@code groupExists} instead of Openfire's GroupManager. */
    static GroupChangeListener start(MultiUserChatManager manager, Consumer<JID> check, PluginCounters counters,
                                     Predicate<JID> groupExists) {
        return new GroupChangeListener(new GroupChangeChecks(BackgroundTasks.thread(THREAD),
            () -> loadedRooms(manager), groupExists, check, counters, GroupChangeChecks.Limits.DEFAULT));
    }

    /** Stops the background thread. */
    void stop() {
        checks.stop();
    }

    @Override
    public void groupCreated(Group group, Map<String, ?> params) {
    }

    @Override
    public void groupDeleting(Group group, Map<String, ?> params) {
        try {
            checks.changed(GroupChange.deleted(group.getJID()));
        } catch (RuntimeException e) {
            Log.warn("Could not follow the deletion of group {}", group, e);
        }
    }

    @Override
    public void groupModified(Group group, Map<String, ?> params) {
        try {
            // Openfire 5.0 to 5.2: type nameModified, originalJID the former GroupJID.
            if (params != null && "nameModified".equals(params.get("type"))
                && params.get("originalJID") instanceof JID former) {
                checks.changed(GroupChange.renamed(group.getJID(), former));
            }
        } catch (RuntimeException e) {
            Log.warn("Could not follow the change of group {}", group, e);
        }
    }

    @Override
    public void memberAdded(Group group, Map<String, ?> params) {
        usersChanged(group);
    }

    @Override
    public void memberRemoved(Group group, Map<String, ?> params) {
        usersChanged(group);
    }

    @Override
    public void adminAdded(Group group, Map<String, ?> params) {
        usersChanged(group);
    }

    @Override
    public void adminRemoved(Group group, Map<String, ?> params) {
        usersChanged(group);
    }

    private void usersChanged(Group group) {
        try {
            checks.changed(GroupChange.users(group.getJID()));
        } catch (RuntimeException e) {
            Log.warn("Could not follow the change of group {}", group, e);
        }
    }

    /** @return whether the group exists (after a deletion, Openfire's group cache says it does not) */
    private static boolean exists(JID group) {
        try {
            return GroupManager.getInstance().getGroup(group) != null;
        } catch (GroupNotFoundException e) {
            return false;
        }
    }

    /** @return the rooms loaded in memory on every MUC service, with their lists as stored */
    static List<LoadedRoom> loadedRooms(MultiUserChatManager manager) {
        final List<LoadedRoom> result = new ArrayList<>();
        for (MultiUserChatService service : manager.getMultiUserChatServices()) {
            for (MUCRoom room : service.getActiveChatRooms()) {
                result.add(new Loaded(room));
            }
        }
        return result;
    }

    /** An Openfire room as the checks look at it. */
    private record Loaded(MUCRoom room) implements LoadedRoom {
        @Override
        public JID jid() {
            return room.getJID().asBareJID();
        }

        @Override
        public boolean occupied() {
            return !room.getOccupants().isEmpty();
        }

        @Override
        public Collection<JID> owners() {
            return room.getOwners();
        }

        @Override
        public Collection<JID> admins() {
            return room.getAdmins();
        }

        @Override
        public Collection<JID> members() {
            return room.getMembers();
        }

        @Override
        public Collection<JID> outcasts() {
            return room.getOutcasts();
        }
    }
}
