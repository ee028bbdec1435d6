package org.jivesoftware.util;

import java.util.Locale;

/** Stand-in for Openfire 5.1.1's JiveGlobals (members used by the plugin). */
public class JiveGlobals {
    private JiveGlobals() {
    }

    /** The stand-in has no openfire.xml: nothing to set. */
    public static boolean setXMLProperty(String name, String value) {
        return true;
    }

    public static Locale getLocale() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
