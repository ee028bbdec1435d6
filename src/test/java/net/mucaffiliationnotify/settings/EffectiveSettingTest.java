package net.mucaffiliationnotify.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** R12: room beats service beats global; every combination of the three levels. */
public class EffectiveSettingTest {
    @Test
    public void everyCombinationResolvesToTheNearestExplicitLevel() {
        int checked = 0;
        for (boolean global : new boolean[] {true, false}) {
            for (Mode service : Mode.values()) {
                for (Mode room : Mode.values()) {
                    final EffectiveSetting effective = EffectiveSetting.resolve(global, service, room);
                    final EffectiveSetting expected;
                    if (room != Mode.INHERIT) {
                        expected = new EffectiveSetting(room == Mode.ON, Source.ROOM);
                    } else if (service != Mode.INHERIT) {
                        expected = new EffectiveSetting(service == Mode.ON, Source.SERVICE);
                    } else {
                        expected = new EffectiveSetting(global, Source.GLOBAL);
                    }
                    assertEquals(global + "/" + service + "/" + room, expected, effective);
                    checked++;
                }
            }
        }
        assertEquals(18, checked);
    }

    @Test
    public void roomOffWinsOverServiceAndGlobalOn() {
        assertEquals(new EffectiveSetting(false, Source.ROOM), EffectiveSetting.resolve(true, Mode.ON, Mode.OFF));
    }

    @Test
    public void modeParameters() {
        for (Mode mode : Mode.values()) {
            assertEquals(mode, Mode.fromParameter(mode.parameter()));
        }
        assertEquals(Mode.ON, Mode.fromParameter(" ON "));
        assertNull(Mode.fromParameter("yes"));
        assertNull(Mode.fromParameter(""));
        assertNull(Mode.fromParameter(null));
    }
}
