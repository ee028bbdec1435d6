package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.Test;

import net.mucaffiliationnotify.settings.RoomInfo;
import net.mucaffiliationnotify.settings.RoomKey;

public class RoomListingTest {
    private static List<RoomInfo> rooms(int count) {
        final List<RoomInfo> rooms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rooms.add(new RoomInfo(new RoomKey("conference", "r" + i), "Room " + i, i % 2 == 0 ? "even" : "odd"));
        }
        return rooms;
    }

    private static Messages messages() throws Exception {
        return Messages.load(AdminPagesTestSupport.i18nLoader(), Locale.ENGLISH);
    }

    @Test
    public void pageLinksShowEndsAndNeighbours() {
        assertEquals(List.of(1), RoomListing.of(rooms(3), "", 0, 25).pageLinks());
        assertEquals(List.of(1, 2, 3, 4, 0, 400), RoomListing.of(rooms(10_000), "", 0, 25).pageLinks());
        assertEquals(List.of(1, 0, 197, 198, 199, 200, 201, 202, 203, 0, 400),
            RoomListing.of(rooms(10_000), "", 199 * 25, 25).pageLinks());
        assertEquals(List.of(1, 0, 397, 398, 399, 400), RoomListing.of(rooms(10_000), "", 9_999, 25).pageLinks());
        assertEquals(List.of(1, 2, 3, 4, 5), RoomListing.of(rooms(101), "", 50, 25).pageLinks());
    }

    @Test
    public void startPastTheEndShowsTheLastPage() {
        final RoomListing listing = RoomListing.of(rooms(60), "", 1_000, 25);
        assertEquals(50, listing.start);
        assertEquals(10, listing.rows.size());
        assertEquals(3, listing.page());
        assertEquals(0, RoomListing.of(rooms(0), "", 75, 25).start);
        assertEquals(1, RoomListing.of(rooms(0), "", 75, 25).pages());
    }

    @Test
    public void searchLooksAtNameNaturalNameAndDescription() {
        assertEquals(11, RoomListing.of(rooms(100), "R1", 0, 25).matching); // r1, r10..r19
        assertEquals(50, RoomListing.of(rooms(100), "EVEN", 0, 25).matching);
        assertEquals(1, RoomListing.of(rooms(100), "room 42", 0, 25).matching);
    }

    @Test
    public void parametersAreValidated() throws Exception {
        final Messages messages = messages();
        assertEquals(0, RoomListing.parseStart(null, messages));
        assertEquals(0, RoomListing.parseStart("", messages));
        assertEquals(125, RoomListing.parseStart("125", messages));
        assertEquals(25, RoomListing.parseRange(null, messages));
        assertEquals(100, RoomListing.parseRange("100", messages));
        assertEquals("", RoomListing.parseQuery(null, messages));
        assertEquals("abc", RoomListing.parseQuery("  abc ", messages));
        for (String bad : new String[] {"-1", "+1", "1.5", "1e3", "0x10", "1234567890", " 1"}) {
            try {
                RoomListing.parseStart(bad, messages);
                fail(bad);
            } catch (PageProblem expected) {
                assertEquals(400, expected.status());
            }
        }
        for (String bad : new String[] {"0", "10", "1000", "025", "fifty"}) {
            try {
                RoomListing.parseRange(bad, messages);
                fail(bad);
            } catch (PageProblem expected) {
                assertEquals(400, expected.status());
            }
        }
    }
}
