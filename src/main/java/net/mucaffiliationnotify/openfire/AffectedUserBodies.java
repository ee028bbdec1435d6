package net.mucaffiliationnotify.openfire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import org.jivesoftware.util.LocaleUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.logging.ThrottledWarning;
import net.mucaffiliationnotify.rules.AffectedUserNotice;
import net.mucaffiliationnotify.rules.AffiliationChange;

/**
 * The body of the message to the affected user in the server's language: the plugin's text
 * {@code affected_user.body.<affiliation>} for the room, followed by {@code affected_user.body.reason} when the
 * request gave a reason, read by Openfire's {@code LocaleUtils} from the plugin's bundle in Openfire's locale.
 * When no text can be had (the plugin is not found under its canonical name, a text is missing) the message goes
 * without a body, which XEP-0045 allows, and a warning is logged at most once a minute.
 */
final class AffectedUserBodies implements AffectedUserNotice.Bodies {
    private static final Logger Log = LoggerFactory.getLogger(AffectedUserBodies.class);
    private static final ThrottledWarning NO_TEXT = new ThrottledWarning(Log,
        "Could not write the text of the message to a user whose affiliation changed in room {}; it goes without one.");
    /** The plugin's canonical name (its jar's), under which LocaleUtils finds its bundle. */
    static final String PLUGIN = "mucaffiliationnotify";
    static final String KEY_PREFIX = "affected_user.body.";
    static final String REASON_KEY = KEY_PREFIX + "reason";

    private final BiFunction<String, List<Object>, String> texts;

    /** The server's texts, through Openfire's LocaleUtils. */
    AffectedUserBodies() {
        this((key, arguments) -> LocaleUtils.getLocalizedString(key, PLUGIN, arguments));
    }

    /**
     * @param texts a text of the plugin's bundle by key, formatted with the arguments as a MessageFormat pattern
     */
    AffectedUserBodies(BiFunction<String, List<Object>, String> texts) {
        this.texts = texts;
    }

    @Override
    public String describe(JID room, AffiliationChange change) {
        try {
            final String text = text(KEY_PREFIX + change.affiliation().name(), room.toBareJID());
            return change.reason() == null ? text : text(REASON_KEY, text, change.reason());
        } catch (RuntimeException e) {
            NO_TEXT.warn(room, e);
            return null;
        }
    }

    private String text(String key, Object... arguments) {
        // A mutable list: LocaleUtils may replace an argument by the value its pattern's format parses.
        final String text = texts.apply(key, new ArrayList<>(Arrays.asList(arguments)));
        if (text == null || text.isBlank() || text.equals(key)) {
            throw new IllegalStateException("No text " + key + " in the plugin's bundle");
        }
        return text;
    }
}
