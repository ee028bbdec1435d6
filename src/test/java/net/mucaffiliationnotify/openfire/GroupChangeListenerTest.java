package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.openfire.group.Group;
import org.jivesoftware.openfire.group.GroupJID;
import org.jivesoftware.openfire.muc.MUCOccupant;
import org.jivesoftware.openfire.muc.MUCRoom;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * Openfire's group events reach the checks as the changes they are, and the rooms read from Openfire's MUC
 * services are the right ones: every list of rooms on two services, a room that does not list the group left
 * alone, a deleted group's rooms once Openfire is done, a rename; other events ignored; nothing thrown back at
 * Openfire's dispatcher.
 */
public class GroupChangeListenerTest {
    /** base32hex("capulets")@localhost/md5("capulets"): group JIDs as Openfire makes them. */
    private static final String CAPULETS = "cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b3";
    /** base32hex("montagues")@localhost/md5("montagues"). */
    private static final String MONTAGUES = "dlnmst31ctqmaso=@localhost/30efacdb1a8d9b0fb7b675c9f0e62ba0";
    /** base32hex("the capulets")@localhost/md5("the capulets"). */
    private static final String THE_CAPULETS = "ehk6a833c5o7ar35ehpg====@localhost/927185e53d32ef11067ddbe7b6a1005f";

    private final MultiUserChatManager manager = mock(MultiUserChatManager.class);
    private final List<MUCRoom> conference = new CopyOnWriteArrayList<>();
    private final List<MUCRoom> chat = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JID> checked = new LinkedBlockingQueue<>();
    private final Set<String> existingGroups = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private GroupChangeListener listener;

    @Before
    public void setUp() {
        existingGroups.addAll(Set.of(CAPULETS, MONTAGUES));
        final MultiUserChatService first = service("conference.localhost", conference);
        final MultiUserChatService second = service("chat.localhost", chat);
        when(manager.getMultiUserChatServices()).thenReturn(List.of(first, second));
        // Openfire's GroupManager answers on the checks' own thread, where a static mock would not: asked directly.
        listener = GroupChangeListener.start(manager, checked::add, new PluginCounters(Instant.EPOCH),
            group -> existingGroups.contains(group.toString()));
    }

    @After
    public void tearDown() {
        if (listener != null) {
            listener.stop();
        }
    }

    private static MultiUserChatService service(String domain, List<MUCRoom> rooms) {
        final MultiUserChatService service = mock(MultiUserChatService.class);
        lenient().when(service.getServiceDomain()).thenReturn(domain);
        lenient().when(service.getActiveChatRooms()).thenAnswer(call -> new ArrayList<>(rooms));
        return service;
    }

    /**
     * @param lists owners, admins, members, outcasts, each a JID or {@code null}
     * @return a room with one occupant, its lists as given
     */
    private static MUCRoom room(List<MUCRoom> service, String jid, boolean occupied, String... lists) {
        final MUCRoom room = mock(MUCRoom.class);
        lenient().when(room.getJID()).thenReturn(new JID(jid));
        lenient().when(room.getOccupants()).thenReturn(occupied ? List.of(mock(MUCOccupant.class)) : List.of());
        lenient().when(room.getOwners()).thenReturn(list(lists, 0));
        lenient().when(room.getAdmins()).thenReturn(list(lists, 1));
        lenient().when(room.getMembers()).thenReturn(new HashSet<>(list(lists, 2)));
        lenient().when(room.getOutcasts()).thenReturn(list(lists, 3));
        service.add(room);
        return room;
    }

    private static List<JID> list(String[] lists, int index) {
        return index < lists.length && lists[index] != null ? List.of(GroupJID.fromString(lists[index])) : List.of();
    }

    private static Group group(String jid) {
        final Group group = mock(Group.class);
        lenient().when(group.getJID()).thenReturn((GroupJID) GroupJID.fromString(jid));
        return group;
    }

    /** Waits for the expected rooms' checks (10 s each at most), then 300 ms for any other; each room once. */
    private void assertChecked(Set<String> expected) throws InterruptedException {
        final List<String> result = new ArrayList<>();
        while (!result.containsAll(expected)) {
            final JID room = checked.poll(10, TimeUnit.SECONDS);
            assertNotNull("checked so far " + result + ", expected " + expected, room);
            result.add(room.toString());
        }
        for (JID more = checked.poll(300, TimeUnit.MILLISECONDS); more != null;
             more = checked.poll(300, TimeUnit.MILLISECONDS)) {
            result.add(more.toString());
        }
        assertEquals("each room once", new HashSet<>(result).size(), result.size());
        assertEquals(expected, new HashSet<>(result));
    }

    @Test
    public void eachMembershipEventChecksTheOccupiedRoomsOfEveryServiceThatListTheGroup() throws Exception {
        room(conference, "owners@conference.localhost", true, CAPULETS, null, null, null);
        room(conference, "admins@conference.localhost", true, null, CAPULETS, null, null);
        room(chat, "members@chat.localhost", true, null, null, CAPULETS, null);
        room(chat, "outcasts@chat.localhost", true, null, null, null, CAPULETS);
        room(conference, "montagues@conference.localhost", true, null, null, MONTAGUES, null);
        room(chat, "users@chat.localhost", true, "romeo@localhost", null, "juliet@localhost", null);
        room(chat, "empty@chat.localhost", false, null, null, CAPULETS, null);
        final Set<String> expected = Set.of("owners@conference.localhost", "admins@conference.localhost",
            "members@chat.localhost", "outcasts@chat.localhost");

        listener.memberAdded(group(CAPULETS), Map.of("member", "tybalt@localhost"));
        assertChecked(expected);
        listener.memberRemoved(group(CAPULETS), Map.of("member", "tybalt@localhost"));
        assertChecked(expected);
        listener.adminAdded(group(CAPULETS), Map.of("admin", "capulet@localhost"));
        assertChecked(expected);
        listener.adminRemoved(group(CAPULETS), Map.of("admin", "capulet@localhost"));
        assertChecked(expected);

        listener.memberAdded(group(MONTAGUES), Map.of("member", "romeo@localhost"));
        assertChecked(Set.of("montagues@conference.localhost"));
    }

    @Test
    public void aDeletedGroupsRoomsAreCheckedOnceTheGroupIsGoneEveryOccupiedRoomSinceTheListsNoLongerSay()
        throws Exception {
        room(conference, "listed@conference.localhost", true, null, null, CAPULETS, null);
        room(chat, "other@chat.localhost", true, null, null, null, null);
        room(chat, "empty@chat.localhost", false, null, null, CAPULETS, null);

        listener.groupDeleting(group(CAPULETS), Map.of());
        assertNull("not while the group exists", checked.poll(300, TimeUnit.MILLISECONDS));
        existingGroups.remove(CAPULETS);

        assertChecked(Set.of("listed@conference.localhost", "other@chat.localhost"));
    }

    @Test
    public void aRenameChecksTheRoomsOfTheNewJidOnceNoRoomListsTheFormerOne() throws Exception {
        room(chat, "renamed@chat.localhost", true, null, CAPULETS, null, null);
        room(conference, "other@conference.localhost", true, null, null, MONTAGUES, null);

        listener.groupModified(group(CAPULETS), Map.of("type", "nameModified", "originalValue", "the capulets",
            "originalJID", GroupJID.fromString(THE_CAPULETS)));

        assertChecked(Set.of("renamed@chat.localhost"));
    }

    @Test
    public void creationsAndOtherModificationsAreIgnored() throws Exception {
        room(conference, "listed@conference.localhost", true, null, null, CAPULETS, null);

        listener.groupCreated(group(CAPULETS), Map.of());
        listener.groupModified(group(CAPULETS), Map.of("type", "descriptionModified", "originalValue", "x"));
        listener.groupModified(group(CAPULETS), Map.of("type", "propertyModified", "propertyKey",
            "sharedRoster.showInRoster", "originalValue", "nobody"));
        listener.groupModified(group(CAPULETS), Map.of("type", "nameModified")); // no former JID: nothing to do

        assertNull(checked.poll(500, TimeUnit.MILLISECONDS));
    }

    @Test
    public void nothingIsThrownBackAtOpenfiresDispatcher() throws Exception {
        final Group broken = mock(Group.class);
        when(broken.getJID()).thenThrow(new IllegalStateException("a provider failure"));

        listener.memberAdded(broken, Map.of());
        listener.memberRemoved(broken, Map.of());
        listener.adminAdded(broken, Map.of());
        listener.adminRemoved(broken, Map.of());
        listener.groupDeleting(broken, Map.of());
        listener.groupModified(broken, Map.of("type", "nameModified", "originalJID", GroupJID.fromString(CAPULETS)));
        listener.groupModified(broken, null);
        listener.groupCreated(broken, null);

        // And it still works.
        room(chat, "listed@chat.localhost", true, null, null, CAPULETS, null);
        listener.memberAdded(group(CAPULETS), Map.of("member", "tybalt@localhost"));
        assertChecked(Set.of("listed@chat.localhost"));
    }
}
