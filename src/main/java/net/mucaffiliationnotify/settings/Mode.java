package net.mucaffiliationnotify.settings;

import java.util.Locale;

/** A per-room or per-service setting: on, off, or inherit from the level above. */
public enum Mode {
    ON, OFF, INHERIT;

    /** @return the value as pages and properties write it: {@code on}, {@code off}, {@code inherit} */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value {@code on}, {@code off} or {@code inherit}, case-insensitive
     * @return the mode, or {@code null} when the value names none
     */
    public static Mode fromParameter(String value) {
        if (value == null) {
            return null;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on": return ON;
            case "off": return OFF;
            case "inherit": return INHERIT;
            default: return null;
        }
    }
}
