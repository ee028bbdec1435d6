package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mockStatic;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.BiFunction;

import org.jivesoftware.util.LocaleUtils;
import org.junit.Test;
import org.mockito.MockedStatic;
import org.xmpp.packet.JID;

import net.mucaffiliationnotify.rules.AffiliationChange;
import net.mucaffiliationnotify.rules.MucAffiliation;

/** The body of the message to the affected user, from the plugin's bundle, in each of its languages. */
public class AffectedUserBodiesTest {
    private static final JID ROOM = new JID("council@conference.example.org");
    private static final JID JULIET = new JID("juliet@example.org");

    /** What LocaleUtils does with the plugin's bundle: the locale's text, formatted as a MessageFormat pattern. */
    private static BiFunction<String, List<Object>, String> bundle(Locale locale) throws Exception {
        final ClassLoader i18n = new URLClassLoader(new URL[] {Path.of("i18n").toUri().toURL()}, null);
        final ResourceBundle bundle = ResourceBundle.getBundle(AffectedUserBodies.PLUGIN + "_i18n", locale, i18n,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return (key, arguments) -> new MessageFormat(bundle.getString(key), locale).format(arguments.toArray());
    }

    private static AffiliationChange change(MucAffiliation affiliation, String reason) {
        return new AffiliationChange(JULIET, affiliation, reason);
    }

    @Test
    public void eachAffiliationHasItsSentenceNamingTheRoom() throws Exception {
        final AffectedUserBodies english = new AffectedUserBodies(bundle(Locale.ENGLISH));
        assertEquals("You are now a member of the room council@conference.example.org.",
            english.describe(ROOM, change(MucAffiliation.member, null)));
        assertEquals("You have been banned from the room council@conference.example.org.",
            english.describe(ROOM, change(MucAffiliation.outcast, null)));
        assertEquals("You no longer have an affiliation with the room council@conference.example.org.",
            english.describe(ROOM, change(MucAffiliation.none, null)));
    }

    @Test
    public void everyLanguageHasEveryAffiliationsSentence() throws Exception {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, new Locale("es"), new Locale("nl"))) {
            final AffectedUserBodies bodies = new AffectedUserBodies(bundle(locale));
            final Set<String> sentences = new HashSet<>();
            for (MucAffiliation affiliation : MucAffiliation.values()) {
                final String body = bodies.describe(ROOM, change(affiliation, null));
                final String label = locale + " " + affiliation + ": " + body;
                assertTrue(label, body != null && body.contains(ROOM.toBareJID()));
                assertFalse(label, body.contains("{") || body.contains("'"));
                sentences.add(body);
                final String withReason = bodies.describe(ROOM, change(affiliation, "Tybalt's doing"));
                assertTrue(locale + ": " + withReason, withReason.startsWith(body + " ") && withReason.endsWith(" Tybalt's doing"));
            }
            assertEquals(locale + ": one sentence per affiliation", MucAffiliation.values().length, sentences.size());
        }
    }

    /** A reason is the requester's text, not a pattern: braces and apostrophes arrive as written. */
    @Test
    public void theReasonIsKeptAsWritten() throws Exception {
        assertEquals("You are now an admin of the room council@conference.example.org. Reason: it's {0} o'clock",
            new AffectedUserBodies(bundle(Locale.ENGLISH)).describe(ROOM, change(MucAffiliation.admin, "it's {0} o'clock")));
        assertEquals("Sie wurden aus dem Raum council@conference.example.org ausgeschlossen. Grund: Streit",
            new AffectedUserBodies(bundle(Locale.GERMAN)).describe(ROOM, change(MucAffiliation.outcast, "Streit")));
    }

    /** No text: the message goes without a body (LocaleUtils throws when the plugin's name is not its own). */
    @Test
    public void withoutATextThereIsNoBody() {
        assertNull(new AffectedUserBodies((key, arguments) -> {
            throw new NullPointerException("Plugin could not be located: " + AffectedUserBodies.PLUGIN);
        }).describe(ROOM, change(MucAffiliation.member, null)));
        assertNull("LocaleUtils answers a missing key with the key",
            new AffectedUserBodies((key, arguments) -> key).describe(ROOM, change(MucAffiliation.member, null)));
        assertNull(new AffectedUserBodies((key, arguments) -> null).describe(ROOM, change(MucAffiliation.member, null)));
        assertNull("a reason's text missing",
            new AffectedUserBodies((key, arguments) -> key.endsWith("reason") ? key : "You are a member.")
                .describe(ROOM, change(MucAffiliation.member, "because")));
    }

    /** In Openfire: LocaleUtils, the plugin's canonical name, the key, the room as the argument. */
    @Test
    public void openfiresLocaleUtilsIsAskedForThePluginsText() {
        final List<List<?>> asked = new ArrayList<>();
        try (MockedStatic<LocaleUtils> localeUtils = mockStatic(LocaleUtils.class)) {
            localeUtils.when(() -> LocaleUtils.getLocalizedString(anyString(), eq("mucaffiliationnotify"), anyList()))
                .thenAnswer(invocation -> {
                    asked.add(List.of(invocation.getArgument(0), invocation.getArgument(2)));
                    return "Du bist jetzt Mitglied.";
                });
            assertEquals("Du bist jetzt Mitglied.",
                new AffectedUserBodies().describe(ROOM, change(MucAffiliation.member, null)));
        }
        assertEquals(List.of(List.of("affected_user.body.member", List.of("council@conference.example.org"))), asked);
    }
}
