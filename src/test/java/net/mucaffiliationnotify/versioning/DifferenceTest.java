package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** {@link Difference}: every field is required, and differences are equal by value. */
public class DifferenceTest {
    @Test
    public void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> new Difference(null, none, member));
        assertThrows(NullPointerException.class, () -> new Difference("a@x.org", null, member));
        assertThrows(NullPointerException.class, () -> new Difference("a@x.org", none, null));
    }

    @Test
    public void equalByValue() {
        assertEquals(new Difference("a@x.org", none, member), new Difference("a@x.org", none, member));
        assertNotEquals(new Difference("a@x.org", none, member), new Difference("b@x.org", none, member));
    }
}
