package net.mucaffiliationnotify.tracking;

import static net.mucaffiliationnotify.rules.MucAffiliation.admin;
import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static net.mucaffiliationnotify.rules.MucAffiliation.outcast;
import static net.mucaffiliationnotify.rules.MucAffiliation.owner;
import static net.mucaffiliationnotify.tracking.Stanzas.OWNER;
import static net.mucaffiliationnotify.tracking.Stanzas.ROOM;
import static net.mucaffiliationnotify.tracking.Stanzas.item;
import static net.mucaffiliationnotify.tracking.Stanzas.request;
import static net.mucaffiliationnotify.tracking.Stanzas.result;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;
import net.mucaffiliationnotify.versioning.AffiliationHistory;
import net.mucaffiliationnotify.versioning.Mav;
import net.mucaffiliationnotify.versioning.VersionHasher;
import net.mucaffiliationnotify.versioning.VersionStep;

/**
 * XEP-0463 as the interceptor drives it: join requests (V3), answers before the first presence (V4),
 * versions on self-presences (V5) and on every change broadcast (V6), changes made outside XMPP (V7), the
 * switch (V8), bounds (V9), privacy, and two nodes sharing histories.
 */
public class AffiliationVersionsTest {
    private static final String MAV = "urn:xmpp:muc:affiliations:1";
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    private static final String JULIET = "juliet@localhost/balcony";
    private static final byte[] SECRET = "test-secret".getBytes(StandardCharsets.UTF_8);

    private final Map<JID, FakeRoom> rooms = new HashMap<>();
    private final RecordingSink sink = new RecordingSink();
    private final AtomicLong clock = new AtomicLong();
    private boolean enabled = true;
    private FakeRoom room;
    private ChangeTracker tracker;
    private AffiliationVersions versions;
    private RoomChanges changes;
    private final PluginCounters counters = new PluginCounters(Instant.EPOCH);

    @Before
    public void setUp() {
        room = new FakeRoom(ROOM).nonAnonymous(true).membersOnly(true)
            .set("owner@localhost", owner)
            .set("juliet@localhost", member)
            .join(OWNER, true, "Romeo");
        rooms.put(room.jid(), room);
        use(node(RoomStore.local(RoomChanges.MAX_LOCAL_ROOMS), sink));
    }

    private void use(Pipeline pipeline) {
        versions = pipeline.versions;
        tracker = pipeline.tracker;
        changes = pipeline.changes;
    }

    private Pipeline node(RoomStore<AffiliationHistory> store, NotificationSink out) {
        return node(store, out, new VersionHasher(SECRET), RoomLocks.local());
    }

    private Pipeline node(RoomStore<AffiliationHistory> store, NotificationSink out, VersionHasher hasher,
                          RoomLocks locks) {
        return Pipeline.of(rooms::get, out).versioned(jid -> enabled).hasher(hasher).histories(store).locks(locks)
            .versioningLimits(new VersioningLimits(8, 3, 4, Duration.ofSeconds(60))).clock(clock::get)
            .trackerLimits(new TrackerLimits(100, Duration.ofSeconds(60))).counters(counters).build();
    }

    /** A history store shared by nodes, as a clustered cache. */
    private static RoomStore<AffiliationHistory> clustered(Map<String, String> cache, VersionHasher hasher) {
        return RoomStore.clustered(cache, RoomChanges.historyCodec(hasher, 8));
    }

    // --- stanzas ---------------------------------------------------------------------------------------

    private static Presence parse(String xml) {
        try {
            return new Presence(DocumentHelper.parseText(xml).getRootElement());
        } catch (DocumentException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    private static Presence join(String from, String nick, String mav) {
        return parse("<presence from='" + from + "' to='" + ROOM + "/" + nick + "' id='j1'>"
            + "<x xmlns='http://jabber.org/protocol/muc'>" + mav + "</x></presence>");
    }

    /** A presence the room sends {@code to} about occupant {@code nick}. */
    private static Presence fromRoom(String nick, String to, String itemXml, String... codes) {
        final StringBuilder statuses = new StringBuilder();
        for (String code : codes) {
            statuses.append("<status code='").append(code).append("'/>");
        }
        return parse("<presence from='" + ROOM + "/" + nick + "' to='" + to + "'>"
            + "<x xmlns='" + MUC_USER + "'>" + itemXml + statuses + "</x></presence>");
    }

    private static Element mavOf(Packet stanza) {
        final Element x = stanza.getElement().element(org.dom4j.QName.get("x", MUC_USER));
        return x == null ? null : x.element(org.dom4j.QName.get("mav", MAV));
    }

    private static List<String> items(Packet stanza) {
        final List<String> result = new ArrayList<>();
        for (Element item : stanza.getElement().element(org.dom4j.QName.get("x", MUC_USER)).elements("item")) {
            result.add(item.attributeValue("jid") + "=" + item.attributeValue("affiliation"));
        }
        return result;
    }

    /** Juliet joins asking with {@code mav}; Openfire accepts and sends Romeo's presence, then hers. */
    private Presence acceptedJoin(String mav) {
        final Presence joinPresence = join(JULIET, "Juliet", mav);
        versions.joinRequested(joinPresence, Mav.request(joinPresence.getElement()));
        assertNull("the mav element reaches nobody else", Mav.request(joinPresence.getElement()));
        room.join(JULIET, false, "Juliet");
        versions.presenceFromRoom(fromRoom("Romeo", JULIET, "<item affiliation='owner' role='moderator'/>"));
        final Presence self = fromRoom("Juliet", JULIET, "<item affiliation='member' role='participant'/>", "110");
        versions.presenceFromRoom(self);
        return self;
    }

    private String currentVersion() {
        final Presence self = fromRoom("Romeo", OWNER, "<item affiliation='owner' role='moderator'/>", "110");
        versions.presenceFromRoom(self);
        return mavOf(self).attributeValue("until");
    }

    // --- V3-V5: joins -------------------------------------------------------------------------------------

    @Test
    public void bootstrapJoinGetsTheFullListBeforeAnyPresenceAndTheVersionInItsSelfPresence() {
        final Presence self = acceptedJoin("<mav xmlns='" + MAV + "'/>");

        assertEquals(1, sink.stanzas.size());
        final Packet list = sink.stanzas.get(0);
        assertEquals(new JID(ROOM), list.getFrom());
        assertEquals(new JID(JULIET), list.getTo());
        assertNull("a full response has no since", mavOf(list).attributeValue("since"));
        assertEquals(List.of("juliet@localhost=member", "owner@localhost=owner"), items(list));
        assertEquals(mavOf(list).attributeValue("until"), mavOf(self).attributeValue("until"));
        assertEquals(0, versions.pendingJoins());
    }

    @Test
    public void joinWithTheCurrentVersionGetsNoListOnlyTheVersionInItsSelfPresence() {
        final String current = currentVersion();
        final Presence self = acceptedJoin("<mav xmlns='" + MAV + "' since='" + current + "'/>");
        assertEquals(0, sink.stanzas.size());
        assertEquals(current, mavOf(self).attributeValue("until"));
    }

    @Test
    public void joinWithAnOldVersionGetsExactlyTheChangesSince() {
        final String before = currentVersion();
        room.set("tybalt@localhost", member).set("mercutio@localhost", admin).set("owner2@localhost", owner);
        changes.observe(room.jid(), null); // the sweep announces them to Romeo
        sink.stanzas.clear();
        room.set("owner2@localhost", none);
        changes.observe(room.jid(), null);
        sink.stanzas.clear();

        final Presence self = acceptedJoin("<mav xmlns='" + MAV + "' since='" + before + "'/>");
        assertEquals(1, sink.stanzas.size());
        final Packet diff = sink.stanzas.get(0);
        assertEquals(before, mavOf(diff).attributeValue("since"));
        assertEquals(mavOf(self).attributeValue("until"), mavOf(diff).attributeValue("until"));
        // owner2 came and went: no difference.
        assertEquals(List.of("mercutio@localhost=admin", "tybalt@localhost=member"), items(diff));
    }

    @Test
    public void joinerWhoMaySeeMoreThanAtItsVersionGetsTheFullList() {
        room.set("tybalt@localhost", outcast);
        final String before = currentVersion();
        room.set("juliet@localhost", admin); // now she may see the outcasts she never saw
        changes.observe(room.jid(), null);
        sink.stanzas.clear();

        acceptedJoin("<mav xmlns='" + MAV + "' since='" + before + "'/>");
        assertEquals(1, sink.stanzas.size());
        assertNull(mavOf(sink.stanzas.get(0)).attributeValue("since"));
        assertEquals(List.of("juliet@localhost=admin", "owner@localhost=owner", "tybalt@localhost=outcast"),
            items(sink.stanzas.get(0)));
    }

    @Test
    public void unknownVersionGetsTheFullList() {
        final Presence self = acceptedJoin("<mav xmlns='" + MAV + "' since='AAAAAAAAAAAAAAAAAAAAAA'/>");
        assertEquals(1, sink.stanzas.size());
        assertNull(mavOf(sink.stanzas.get(0)).attributeValue("since"));
        assertEquals(mavOf(self).attributeValue("until"), mavOf(sink.stanzas.get(0)).attributeValue("until"));
    }

    @Test
    public void largeListsAreSplitIntoChainedMessages() {
        for (int i = 0; i < 10; i++) {
            room.set("m" + i + "@localhost", member);
        }
        final Presence self = acceptedJoin("<mav xmlns='" + MAV + "'/>");
        // 12 affiliations, 3 per message (the test limits)
        assertEquals(4, sink.stanzas.size());
        String previous = null;
        int total = 0;
        for (Packet message : sink.stanzas) {
            assertEquals(previous, mavOf(message).attributeValue("since"));
            previous = mavOf(message).attributeValue("until");
            total += items(message).size();
        }
        assertEquals(12, total);
        assertEquals(mavOf(self).attributeValue("until"), previous);
    }

    @Test
    public void refusedJoinGetsNothing() {
        final Presence joinPresence = join("rosaline@localhost/home", "Rosaline", "<mav xmlns='" + MAV + "'/>");
        versions.joinRequested(joinPresence, Mav.request(joinPresence.getElement()));
        final Presence refusal = parse("<presence type='error' from='" + ROOM + "/Rosaline' to='rosaline@localhost/home'>"
            + "<error type='auth'><registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
        versions.presenceFromRoom(refusal);
        assertEquals(0, sink.stanzas.size());
        assertEquals(0, versions.pendingJoins());
    }

    @Test
    public void participantOfASemiAnonymousRoomIsForbiddenAndSeesNoJid() {
        room.nonAnonymous(false).membersOnly(false).set("juliet@localhost", none);
        acceptedJoin("<mav xmlns='" + MAV + "'/>");
        assertEquals(1, sink.stanzas.size());
        final Message error = (Message) sink.stanzas.get(0);
        assertEquals(Message.Type.error, error.getType());
        assertEquals("forbidden", error.getError().getCondition().toXMPP());
        assertEquals("j1", error.getID());
        assertTrue(error.toXML(), !error.toXML().contains("owner@localhost"));
    }

    @Test
    public void memberSeesNoOutcastsButAnOwnerDoes() {
        room.set("tybalt@localhost", outcast);
        acceptedJoin("<mav xmlns='" + MAV + "'/>");
        assertEquals(List.of("juliet@localhost=member", "owner@localhost=owner"), items(sink.stanzas.get(0)));

        sink.stanzas.clear();
        room.set("juliet@localhost", owner);
        changes.observe(room.jid(), new JID(JULIET));
        sink.stanzas.clear();
        final Presence again = join(JULIET, "Juliet2", "<mav xmlns='" + MAV + "'/>");
        versions.joinRequested(again, Mav.request(again.getElement()));
        versions.presenceFromRoom(fromRoom("Romeo", JULIET, "<item affiliation='owner' role='moderator'/>"));
        assertEquals(List.of("juliet@localhost=owner", "owner@localhost=owner", "tybalt@localhost=outcast"),
            items(sink.stanzas.get(0)));
    }

    @Test
    public void versionFromBeforeTheJoinerCouldSeeTheListsIsRefused() {
        room.set("juliet@localhost", none);
        final String before = currentVersion();
        room.set("juliet@localhost", member);
        changes.observe(room.jid(), null);
        sink.stanzas.clear();

        acceptedJoin("<mav xmlns='" + MAV + "' since='" + before + "'/>");
        assertEquals(1, sink.stanzas.size());
        assertEquals(Message.Type.error, ((Message) sink.stanzas.get(0)).getType());
    }

    /**
     * The leak found on Openfire 5.1.1 (issue 11): a version from a time the room was semi-anonymous, when
     * Juliet could not read the lists, was answered with a diff once the room became non-anonymous, telling
     * her that mercutio had been a member. Judged with the room as it was then, it is refused.
     */
    @Test
    public void versionFromWhenTheRoomWasSemiAnonymousIsRefusedAfterItBecomesNonAnonymous() {
        room.nonAnonymous(false).membersOnly(false).set("juliet@localhost", none).set("mercutio@localhost", member);
        changes.observe(room.jid(), null);
        final Presence self = acceptedJoin("<mav xmlns='" + MAV + "'/>");
        assertEquals("forbidden", ((Message) sink.stanzas.get(0)).getError().getCondition().toXMPP());
        final String v1 = mavOf(self).attributeValue("until");
        room.leave("juliet@localhost");

        room.set("mercutio@localhost", none);
        changes.observe(room.jid(), null);
        room.nonAnonymous(true);
        sink.stanzas.clear();

        acceptedJoin("<mav xmlns='" + MAV + "' since='" + v1 + "'/>");
        assertEquals(1, sink.stanzas.size());
        final Message answer = (Message) sink.stanzas.get(0);
        assertEquals(answer.toXML(), Message.Type.error, answer.getType());
        assertEquals("forbidden", answer.getError().getCondition().toXMPP());
        assertTrue(answer.toXML(), !answer.toXML().contains("mercutio"));

        // A bootstrap request in the non-anonymous room now gets the list as it is now.
        room.leave("juliet@localhost");
        sink.stanzas.clear();
        acceptedJoin("<mav xmlns='" + MAV + "'/>");
        assertEquals(List.of("owner@localhost=owner"), items(sink.stanzas.get(0)));
    }

    /** Sysadmins read every list (Openfire treats them as owners) then as now: a diff, not forbidden. */
    @Test
    public void sysadminGetsTheDiffOfASemiAnonymousRoom() {
        room.nonAnonymous(false).membersOnly(false).set("juliet@localhost", none).sysadmin("juliet@localhost", true);
        final String before = currentVersion();
        room.set("mercutio@localhost", member);
        changes.observe(room.jid(), null);
        sink.stanzas.clear();

        acceptedJoin("<mav xmlns='" + MAV + "' since='" + before + "'/>");
        assertEquals(1, sink.stanzas.size());
        assertEquals(List.of("mercutio@localhost=member"), items(sink.stanzas.get(0)));
        assertEquals(before, mavOf(sink.stanzas.get(0)).attributeValue("since"));
    }

    /** Who was a sysadmin then counts, not who is one now. */
    @Test
    public void aSysadminOfNowWhoWasNotOneThenIsRefused() {
        room.nonAnonymous(false).membersOnly(false).set("juliet@localhost", none);
        final String before = currentVersion();
        room.set("mercutio@localhost", member);
        changes.observe(room.jid(), null);
        room.sysadmin("juliet@localhost", true);
        sink.stanzas.clear();

        acceptedJoin("<mav xmlns='" + MAV + "' since='" + before + "'/>");
        assertEquals(1, sink.stanzas.size());
        assertEquals(Message.Type.error, ((Message) sink.stanzas.get(0)).getType());
    }

    /**
     * Joins to rooms that do not exist (yet): their settings, which may need the database, are not asked
     * before Openfire has answered; a made-up room name of any length costs a map entry at most (issue 11).
     */
    @Test
    public void joinsToRoomsThatDoNotExistDoNotAskTheSettings() {
        final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        final AffiliationVersions counted = Pipeline.of(rooms::get, sink).versioned(jid -> {
            asked.incrementAndGet();
            return enabled;
        }).hasher(new VersionHasher(SECRET)).versioningLimits(new VersioningLimits(8, 3, 4, Duration.ofSeconds(60)))
            .clock(clock::get).build().versions;
        final String longName = "r".repeat(300);
        for (String name : List.of("nosuchroom", longName)) {
            final Presence join = parse("<presence from='" + JULIET + "' to='" + name + "@conference.localhost/J' id='j9'>"
                + "<x xmlns='http://jabber.org/protocol/muc'><mav xmlns='" + MAV + "'/></x></presence>");
            counted.joinRequested(join, Mav.request(join.getElement()));
            assertNotNull("left as it is: nobody else is in a room being created", Mav.request(join.getElement()));
        }
        assertEquals(0, asked.get());
        assertEquals(2, counted.pendingJoins());
    }

    // --- counters ------------------------------------------------------------------------------------------

    @Test
    public void joinAnswersAreCountedByKind() {
        acceptedJoin("<mav xmlns='" + MAV + "'/>");
        assertEquals(1, counters.value(Counter.JOIN_FULL_LISTS));
        final String held = mavOf(sink.stanzas.get(sink.stanzas.size() - 1)).attributeValue("until");

        room.leave("juliet@localhost");
        acceptedJoin("<mav xmlns='" + MAV + "' since='" + currentVersion() + "'/>");
        assertEquals(1, counters.value(Counter.JOIN_CURRENT));

        room.leave("juliet@localhost");
        room.set("tybalt@localhost", member);
        changes.observe(room.jid(), null);
        acceptedJoin("<mav xmlns='" + MAV + "' since='" + held + "'/>");
        assertEquals(1, counters.value(Counter.JOIN_DIFFS));

        room.leave("juliet@localhost");
        room.nonAnonymous(false);
        acceptedJoin("<mav xmlns='" + MAV + "'/>");
        assertEquals("a member of a semi-anonymous room may not read the owner and admin lists",
            1, counters.value(Counter.JOIN_FORBIDDEN));
        assertEquals(1, counters.value(Counter.JOIN_FULL_LISTS));
    }

    @Test
    public void changesFoundOutsideXmppAreCountedPerStep() {
        changes.observe(room.jid(), null);
        assertEquals("a history started now finds nothing", 0, counters.value(Counter.CHANGES_OUTSIDE_XMPP));
        room.set("tybalt@localhost", member);
        room.set("rosaline@localhost", outcast);
        assertEquals(2, changes.sweep(List.of(room.jid())));
        assertEquals(2, counters.value(Counter.CHANGES_OUTSIDE_XMPP));
    }

    // --- V6, V7: broadcasts and changes made outside XMPP -----------------------------------------------------

    @Test
    public void followedRequestAnnouncesANonOccupantWithItsVersions() {
        final String before = currentVersion();
        final IQ iq = Stanzas.admin("m1", item("member", "tybalt@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("tybalt@localhost", member);
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);

        assertEquals(1, sink.stanzas.size());
        final Packet notification = sink.stanzas.get(0);
        assertEquals(new JID(OWNER), notification.getTo());
        assertEquals(before, mavOf(notification).attributeValue("since"));
        assertEquals(currentVersion(), mavOf(notification).attributeValue("until"));
        assertNotEquals(before, mavOf(notification).attributeValue("until"));
    }

    /**
     * A request whose settling fails once (the room's lists could not be read: a group provider outage)
     * must not leave its JIDs held: 1.2.0 kept them held for good, and every later change of theirs made
     * outside XMPP was deferred to a request that no longer existed, so never announced (issue 12).
     */
    @Test
    public void aSettleThatFailsReleasesItsJids() {
        currentVersion();
        final IQ iq = Stanzas.admin("m1", item("member", "tybalt@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("tybalt@localhost", member);
        room.failingStateReads.set(1);
        try {
            tracker.replyRouted(result(iq));
        } catch (IllegalStateException expected) {
            // The interceptor logs it; the request is over.
        }
        tracker.requestProcessed(iq);
        assertEquals(0, tracker.pendingCount());
        sink.stanzas.clear();

        room.set("tybalt@localhost", outcast); // on the admin console
        final List<VersionStep> steps = changes.observe(room.jid(), null);
        assertEquals(List.of("tybalt@localhost"), steps.stream().map(VersionStep::jid).distinct().toList());
        assertEquals(outcast, steps.get(steps.size() - 1).after());
        assertEquals("announced to the occupant", 1, sink.stanzas.size());
        assertEquals(0, tracker.heldCount());
    }

    @Test
    public void multiItemRequestIsAnnouncedInItemOrderWithChainedVersions() {
        currentVersion();
        final IQ iq = Stanzas.admin("m3", item("member", "tybalt@localhost") + item("outcast", "mercutio@localhost")
            + item("admin", "benvolio@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("tybalt@localhost", member).set("mercutio@localhost", outcast).set("benvolio@localhost", admin);
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);

        assertEquals(3, sink.stanzas.size());
        assertEquals(List.of("tybalt@localhost=member"), items(sink.stanzas.get(0)));
        assertEquals(List.of("mercutio@localhost=outcast"), items(sink.stanzas.get(1)));
        assertEquals(List.of("benvolio@localhost=admin"), items(sink.stanzas.get(2)));
        for (int i = 1; i < 3; i++) {
            assertEquals(mavOf(sink.stanzas.get(i - 1)).attributeValue("until"),
                mavOf(sink.stanzas.get(i)).attributeValue("since"));
        }
    }

    @Test
    public void occupantsChangeIsStampedOnOpenfiresPresenceAndNotAnnouncedAgain() {
        room.join(JULIET, false, "Juliet");
        final String before = currentVersion();
        final IQ iq = Stanzas.admin("a1", item("admin", "juliet@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("juliet@localhost", admin);
        // Openfire broadcasts Juliet's new affiliation to every occupant, on the request's thread
        final Presence toRomeo = fromRoom("Juliet", OWNER, "<item affiliation='admin' role='moderator' jid='" + JULIET + "'/>");
        final Presence toJuliet = fromRoom("Juliet", JULIET, "<item affiliation='admin' role='moderator'/>", "110");
        versions.presenceFromRoom(toRomeo);
        versions.presenceFromRoom(toJuliet);
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);

        assertEquals(before, mavOf(toRomeo).attributeValue("since"));
        assertEquals(mavOf(toRomeo).attributeValue("since"), mavOf(toJuliet).attributeValue("since"));
        assertEquals(mavOf(toRomeo).attributeValue("until"), mavOf(toJuliet).attributeValue("until"));
        assertEquals(currentVersion(), mavOf(toRomeo).attributeValue("until"));
        assertEquals("no message on top of the presence", 0, sink.stanzas.size());
    }

    /**
     * In a semi-anonymous room Openfire's presence copies to participants name the occupant by nickname only.
     * 1.3.0 read the room for every copy (in a cluster: the whole room from the clustered cache); now once.
     */
    @Test
    public void presenceCopiesWithoutJidsReadTheRoomOncePerOccupant() {
        final java.util.concurrent.atomic.AtomicInteger finds = new java.util.concurrent.atomic.AtomicInteger();
        use(Pipeline.of(jid -> {
            finds.incrementAndGet();
            return rooms.get(jid);
        }, sink).versioned(jid -> enabled).hasher(new VersionHasher(SECRET)).clock(clock::get)
            .versioningLimits(new VersioningLimits(8, 3, 4, Duration.ofSeconds(60))).build());
        room.join(JULIET, false, "Juliet");
        for (int i = 0; i < 5; i++) {
            room.join("guest" + i + "@localhost/x", false, "Guest" + i);
        }
        currentVersion();
        final IQ iq = Stanzas.admin("a1", item("admin", "juliet@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("juliet@localhost", admin);
        finds.set(0);
        final List<Presence> copies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            final Presence copy = fromRoom("Juliet", "guest" + i + "@localhost/x",
                "<item affiliation='admin' role='moderator'/>");
            versions.presenceFromRoom(copy);
            copies.add(copy);
        }
        assertEquals("the room read once for five copies", 1, finds.get());
        for (Presence copy : copies) {
            assertEquals(mavOf(copies.get(0)).attributeValue("until"), mavOf(copy).attributeValue("until"));
        }
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
        assertEquals(currentVersion(), mavOf(copies.get(0)).attributeValue("until"));
    }

    @Test
    public void changeMadeOutsideXmppIsAnnouncedOnceByTheSweep() {
        final String before = currentVersion();
        room.set("tybalt@localhost", member); // e.g. the admin console
        assertEquals(1, changes.sweep(List.of(room.jid())));
        assertEquals(1, sink.stanzas.size());
        assertEquals(before, mavOf(sink.stanzas.get(0)).attributeValue("since"));
        assertEquals(List.of("tybalt@localhost=member"), items(sink.stanzas.get(0)));
        assertEquals(0, changes.sweep(List.of(room.jid())));
        assertEquals(1, sink.stanzas.size());
    }

    @Test
    public void plainJoinBringsTheRoomUpToDateSoItsSelfPresenceCarriesTheRealVersion() {
        final String before = currentVersion();
        room.set("tybalt@localhost", member); // the admin console, just now
        final Presence plain = join(JULIET, "Juliet", "");
        assertNull(Mav.request(plain.getElement()));
        versions.joinRequested(plain, null);
        room.join(JULIET, false, "Juliet");
        versions.presenceFromRoom(fromRoom("Romeo", JULIET, "<item affiliation='owner' role='moderator'/>"));
        final Presence self = fromRoom("Juliet", JULIET, "<item affiliation='member' role='participant'/>", "110");
        versions.presenceFromRoom(self);

        // Every occupant is told, Juliet too (she asked for no list), and her self-presence has the new version
        assertEquals(2, sink.stanzas.size());
        assertEquals(new JID(OWNER), sink.stanzas.get(0).getTo());
        assertEquals(new JID(JULIET), sink.stanzas.get(1).getTo());
        assertEquals(List.of("tybalt@localhost=member"), items(sink.stanzas.get(1)));
        assertEquals(before, mavOf(sink.stanzas.get(0)).attributeValue("since"));
        assertEquals(mavOf(sink.stanzas.get(0)).attributeValue("until"), mavOf(self).attributeValue("until"));
        assertNotEquals(before, mavOf(self).attributeValue("until"));
    }

    @Test
    public void aChangeOfARequestInFlightIsLeftToThatRequestWithItsReason() {
        currentVersion();
        final IQ iq = Stanzas.admin("b1", "<item affiliation='outcast' jid='tybalt@localhost'><reason>Plague</reason></item>");
        tracker.requestReceived(iq, request(iq));
        room.set("tybalt@localhost", outcast); // applied, the reply not yet routed
        assertEquals("the sweep leaves it alone", 0, changes.sweep(List.of(room.jid())));
        final Presence other = join("benvolio@localhost/x", "Benvolio", "<mav xmlns='" + MAV + "'/>");
        versions.joinRequested(other, Mav.request(other.getElement()));
        versions.presenceFromRoom(fromRoom("Romeo", "benvolio@localhost/x", "<item affiliation='owner' role='moderator'/>"));
        sink.stanzas.clear(); // (Benvolio, not a member of the members-only room, would be refused; not the point)

        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
        assertEquals(1, sink.stanzas.size());
        final Element item = sink.stanzas.get(0).getElement().element(org.dom4j.QName.get("x", MUC_USER)).element("item");
        assertEquals("tybalt@localhost", item.attributeValue("jid"));
        assertEquals("Plague", item.elementText("reason"));
        assertEquals(0, changes.sweep(List.of(room.jid())));
    }

    @Test
    public void changeMadeOutsideXmppIsAnnouncedBeforeTheNextRequestsOwn() {
        currentVersion();
        room.set("tybalt@localhost", member);
        final IQ iq = Stanzas.admin("m2", item("member", "mercutio@localhost"));
        tracker.requestReceived(iq, request(iq));
        room.set("mercutio@localhost", member);
        tracker.replyRouted(result(iq));
        tracker.requestProcessed(iq);
        assertEquals(2, sink.stanzas.size());
        assertEquals(List.of("tybalt@localhost=member"), items(sink.stanzas.get(0)));
        assertEquals(List.of("mercutio@localhost=member"), items(sink.stanzas.get(1)));
        assertEquals(mavOf(sink.stanzas.get(0)).attributeValue("until"), mavOf(sink.stanzas.get(1)).attributeValue("since"));
    }

    // --- V8, V9 -----------------------------------------------------------------------------------------

    @Test
    public void switchedOffStripsNothingAndAddsNothing() {
        enabled = false;
        final Presence joinPresence = join(JULIET, "Juliet", "<mav xmlns='" + MAV + "'/>");
        versions.joinRequested(joinPresence, Mav.request(joinPresence.getElement()));
        assertNotNull("left as the client sent it", Mav.request(joinPresence.getElement()));
        final Presence self = fromRoom("Juliet", JULIET, "<item affiliation='member' role='participant'/>", "110");
        versions.presenceFromRoom(self);
        assertNull(mavOf(self));
        room.set("tybalt@localhost", member);
        assertEquals(0, changes.sweep(List.of(room.jid())));
        assertEquals(0, sink.stanzas.size());
        assertEquals(0, changes.historyCount());
    }

    @Test
    public void pendingJoinsAreBoundedAndExpire() {
        for (int i = 0; i < 10; i++) {
            final Presence p = join("user" + i + "@localhost/r", "n" + i, "<mav xmlns='" + MAV + "'/>");
            versions.joinRequested(p, Mav.request(p.getElement()));
        }
        assertEquals(4, versions.pendingJoins());
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(4, versions.expireJoins());
        assertEquals(0, versions.pendingJoins());
    }

    @Test
    public void destroyedRoomLosesItsHistoryAndPendingJoins() {
        currentVersion();
        final Presence p = join(JULIET, "Juliet", "<mav xmlns='" + MAV + "'/>");
        versions.joinRequested(p, Mav.request(p.getElement()));
        assertEquals(1, changes.historyCount());
        tracker.forgetRoom(room.jid());
        versions.forgetRoom(room.jid());
        assertEquals(0, changes.historyCount());
        assertEquals(0, versions.pendingJoins());
    }

    // --- cluster: two nodes, one clustered history ----------------------------------------------------------

    @Test
    public void twoNodesShareOneHistoryAndAnnounceEachChangeOnce() {
        final Map<String, String> cache = new ConcurrentHashMap<>();
        final Map<String, Lock> locks = new ConcurrentHashMap<>();
        final VersionHasher hasher = new VersionHasher(SECRET);
        final RecordingSink sinkA = new RecordingSink();
        final RecordingSink sinkB = new RecordingSink();
        final RoomLocks shared = RoomLocks.clustered(key -> locks.computeIfAbsent(key, k -> new ReentrantLock()));
        final Pipeline nodeA = node(clustered(cache, hasher), sinkA, hasher, shared);
        final Pipeline nodeB = node(clustered(cache, hasher), sinkB, hasher, shared);

        nodeA.changes.observe(room.jid(), null);
        room.set("tybalt@localhost", member);
        assertEquals(1, nodeB.changes.sweep(List.of(room.jid())));
        assertEquals(0, nodeA.changes.sweep(List.of(room.jid())));
        assertEquals(0, sinkA.stanzas.size());
        assertEquals(1, sinkB.stanzas.size());

        // A node that started afresh from the same state computes the same version (state-derived).
        final AffiliationVersions fresh = node(RoomStore.local(8), new RecordingSink()).versions;
        final Presence selfA = fromRoom("Romeo", OWNER, "<item affiliation='owner' role='moderator'/>", "110");
        final Presence selfFresh = fromRoom("Romeo", OWNER, "<item affiliation='owner' role='moderator'/>", "110");
        nodeA.versions.presenceFromRoom(selfA);
        fresh.presenceFromRoom(selfFresh);
        assertEquals(mavOf(selfA).attributeValue("until"), mavOf(selfFresh).attributeValue("until"));
    }

    /**
     * Two nodes that key versions with different secrets (a rolling upgrade after the secret changed, or two
     * nodes that created their secrets at the same instant) cannot verify each other's versions. In 1.1.0 to
     * 1.3.0 a node that found a history it could not verify started one afresh from the room's state and,
     * having no step, announced nothing: the change was told by no node. Now the history's state and steps are
     * kept and only its versions derived anew: every change is announced once, by the node that steps it.
     */
    @Test
    public void changesStepOnAHistoryKeptWithAnotherSecretAreAnnouncedOnce() {
        final Map<String, String> cache = new ConcurrentHashMap<>();
        final Map<String, Lock> locks = new ConcurrentHashMap<>();
        final RoomLocks shared = RoomLocks.clustered(key -> locks.computeIfAbsent(key, k -> new ReentrantLock()));
        final RecordingSink sinkA = new RecordingSink();
        final RecordingSink sinkB = new RecordingSink();
        final VersionHasher secretA = new VersionHasher(SECRET);
        final VersionHasher secretB = new VersionHasher("another secret".getBytes(StandardCharsets.UTF_8));
        final Pipeline nodeA = node(clustered(cache, secretA), sinkA, secretA, shared);
        final Pipeline nodeB = node(clustered(cache, secretB), sinkB, secretB, shared);

        nodeA.changes.observe(room.jid(), null);
        room.set("tybalt@localhost", member);
        assertEquals(1, nodeA.changes.sweep(List.of(room.jid())));
        final IQ iq = Stanzas.admin("b1", item("member", "mercutio@localhost"));
        nodeB.tracker.requestReceived(iq, Stanzas.request(iq)); // B re-derives A's versions with its secret
        room.set("paris@localhost", member);
        assertEquals(1, nodeA.changes.sweep(List.of(room.jid()))); // and A B's: paris is stepped once
        room.set("mercutio@localhost", member); // Openfire applies B's request
        nodeB.tracker.replyRouted(IQ.createResultIQ(iq));
        nodeB.tracker.requestProcessed(iq);
        assertEquals(0, nodeA.changes.sweep(List.of(room.jid())));
        assertEquals(0, nodeB.changes.sweep(List.of(room.jid())));

        final List<String> toldA = new ArrayList<>();
        for (Packet stanza : sinkA.stanzas) {
            toldA.addAll(items(stanza));
        }
        final List<String> toldB = new ArrayList<>();
        for (Packet stanza : sinkB.stanzas) {
            toldB.addAll(items(stanza));
        }
        assertEquals(List.of("tybalt@localhost=member", "paris@localhost=member"), toldA);
        assertEquals(List.of("mercutio@localhost=member"), toldB);
    }

    /**
     * A room's history as 1.2.0 left it in the clustered cache ({@code mav2}, versions of the former keyed
     * SHA-256), produced by that code with {@link #SECRET}: owner@ owner in a members-only, non-anonymous
     * room, then juliet@ member.
     */
    private static final String HISTORY_OF_1_2_0 = "mav2\tsYgkORsjE1O5bUfwhOfjkA\t1\n"
        + "S\tjuliet@localhost\tmember\n"
        + "S\towner@localhost\towner\n"
        + "H\tEbJyEeQP5E66OTpIK0lfcg\tsYgkORsjE1O5bUfwhOfjkA\tjuliet@localhost\tnone\tmember\n"
        + "C\t0\t1\t1\n";

    /**
     * After the upgrade to HMAC versions, a history the former version left in the cluster keeps its state
     * (changes made meanwhile are announced, from it) and gets new versions: no version of the former hash
     * is given out again, and a client presenting one gets the full list.
     */
    @Test
    public void aHistoryOfTheFormerHashKeepsItsBaselineAndGetsNewVersions() {
        final Map<String, String> cache = new ConcurrentHashMap<>();
        cache.put(ROOM, HISTORY_OF_1_2_0);
        final Map<String, Lock> locks = new ConcurrentHashMap<>();
        use(node(clustered(cache, new VersionHasher(SECRET)), sink, new VersionHasher(SECRET),
            RoomLocks.clustered(key -> locks.computeIfAbsent(key, k -> new ReentrantLock()))));
        final VersionHasher hasher = new VersionHasher(SECRET);
        final String old = "sYgkORsjE1O5bUfwhOfjkA";

        // The self-presence carries the version of the history's state by the new hash, not the text's.
        final String current = currentVersion();
        assertNotEquals(old, current);
        assertEquals(hasher.of(ROOM, Map.of("owner@localhost", owner, "juliet@localhost", member)).toString(),
            current);
        assertTrue(cache.get(ROOM), cache.get(ROOM).startsWith("mav3\t" + current + "\t1\n"));
        assertEquals(0, sink.stanzas.size());

        // A change made while the plugin was being upgraded is announced from the history's state.
        room.set("tybalt@localhost", member);
        assertEquals(1, changes.sweep(List.of(room.jid())));
        assertEquals(List.of("tybalt@localhost=member"), items(sink.stanzas.get(0)));
        assertEquals(current, mavOf(sink.stanzas.get(0)).attributeValue("since"));
        assertEquals(currentVersion(), mavOf(sink.stanzas.get(0)).attributeValue("until"));

        // Juliet rejoins with the version 1.2.0 gave her: the full list, once.
        sink.stanzas.clear();
        acceptedJoin("<mav xmlns='" + MAV + "' since='" + old + "'/>");
        assertEquals(1, sink.stanzas.size());
        assertNull(mavOf(sink.stanzas.get(0)).attributeValue("since"));
        assertEquals(currentVersion(), mavOf(sink.stanzas.get(0)).attributeValue("until"));
        assertEquals(List.of("juliet@localhost=member", "owner@localhost=owner", "tybalt@localhost=member"),
            items(sink.stanzas.get(0)).stream().sorted().toList());
    }
}
