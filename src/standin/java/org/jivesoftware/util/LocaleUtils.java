package org.jivesoftware.util;

import java.util.List;

/** Stand-in for Openfire 5.1.1's LocaleUtils (members used by the plugin). */
public class LocaleUtils {
    private LocaleUtils() {
    }

    /**
     * Openfire: the text of {@code key} in the bundle {@code <pluginName>_i18n} of the plugin of that canonical name,
     * in Openfire's locale, formatted with the arguments as a {@link java.text.MessageFormat} pattern.
     */
    @SuppressWarnings("rawtypes")
    public static String getLocalizedString(String key, String pluginName, List arguments) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
