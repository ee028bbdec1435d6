package net.mucaffiliationnotify.versioning;

import static net.mucaffiliationnotify.rules.MucAffiliation.member;
import static net.mucaffiliationnotify.rules.MucAffiliation.none;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** {@link VersionStep}: every field is required, and steps are equal by value (decoded histories compare so). */
public class VersionStepTest {
    @Test
    public void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> new VersionStep(null, "u", "a@x.org", none, member));
        assertThrows(NullPointerException.class, () -> new VersionStep("s", null, "a@x.org", none, member));
        assertThrows(NullPointerException.class, () -> new VersionStep("s", "u", null, none, member));
        assertThrows(NullPointerException.class, () -> new VersionStep("s", "u", "a@x.org", null, member));
        assertThrows(NullPointerException.class, () -> new VersionStep("s", "u", "a@x.org", none, null));
    }

    @Test
    public void equalByValue() {
        assertEquals(new VersionStep("s", "u", "a@x.org", none, member), new VersionStep("s", "u", "a@x.org", none,
            member));
        assertNotEquals(new VersionStep("s", "u", "a@x.org", none, member), new VersionStep("s", "u", "a@x.org",
            member, none));
    }
}
