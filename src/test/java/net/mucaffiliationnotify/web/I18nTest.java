package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

import net.mucaffiliationnotify.settings.Setting;

/** The plugin's bundle and its translations. */
public class I18nTest {
    /** "" is the base bundle (English). */
    static final List<String> LANGUAGES = List.of("", "de", "fr", "es", "nl");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    static Path file(String language) {
        return Path.of("i18n", "mucaffiliationnotify_i18n" + (language.isEmpty() ? "" : "_" + language) + ".properties");
    }

    static Properties load(String language) throws IOException {
        // Strict UTF-8, as Java reads .properties bundles (and Openfire's own translations are written).
        final byte[] bytes = Files.readAllBytes(file(language));
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file(language), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> placeholders(String text) {
        final Set<String> found = new TreeSet<>();
        final Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    public void everyLanguageHasEveryKeyAndNoOther() throws IOException {
        final Set<String> base = load("").stringPropertyNames();
        assertTrue(base.contains("plugin.name"));
        assertTrue(base.contains("plugin.description"));
        assertTrue(base.contains("system_property.plugin.mucaffiliationnotify.enabled"));
        for (String language : LANGUAGES) {
            assertEquals(language, new TreeSet<>(base), new TreeSet<>(load(language).stringPropertyNames()));
        }
    }

    /** Openfire's System Properties page describes each property by the plugin's {@code system_property.<key>}. */
    @Test
    public void everySettingsGlobalPropertyIsDescribed() throws IOException {
        for (String language : LANGUAGES) {
            final Properties bundle = load(language);
            for (Setting setting : Setting.values()) {
                assertNotNull(language + ": " + setting,
                    bundle.getProperty("system_property." + setting.globalProperty()));
            }
        }
    }

    @Test
    public void translationsKeepThePlaceholdersAndTheirApostrophes() throws IOException {
        final Properties base = load("");
        for (String language : LANGUAGES) {
            final Properties bundle = load(language);
            for (String key : base.stringPropertyNames()) {
                final String text = bundle.getProperty(key);
                assertFalse(language + " " + key + " is empty", text.trim().isEmpty());
                assertEquals(language + " " + key, placeholders(base.getProperty(key)), placeholders(text));
                assertFalse(language + " " + key + " holds markup", text.contains("<") || text.contains("&"));
                if (!placeholders(text).isEmpty()) {
                    // A MessageFormat pattern: a lone apostrophe would swallow text.
                    final String formatted = new MessageFormat(text, Locale.ROOT).format(new Object[] {"A", "B"});
                    assertEquals(language + " " + key, text.replace("''", "'").replace("{0}", "A").replace("{1}", "B"),
                        formatted);
                }
            }
        }
    }

    @Test
    public void translationsAreTranslated() throws IOException {
        final Properties base = load("");
        for (String language : LANGUAGES.subList(1, LANGUAGES.size())) {
            final Properties bundle = load(language);
            int same = 0;
            for (String key : base.stringPropertyNames()) {
                if (base.getProperty(key).equals(bundle.getProperty(key))) {
                    same++;
                }
            }
            // plugin.name, effective.with_source, column.description (fr), rooms.pages (fr) … may stay as they are.
            assertTrue(language + ": " + same + " texts left in English", same <= 5);
        }
    }

    @Test
    public void bundleLoadsPerLocaleAndFallsBackToEnglish() throws Exception {
        final ClassLoader loader = AdminPagesTestSupport.i18nLoader();
        assertEquals("Zugehörigkeits-Benachrichtigungen", Messages.load(loader, Locale.GERMANY).get("room.title"));
        assertEquals("Notifications d’affiliation", Messages.load(loader, Locale.FRENCH).get("room.title"));
        assertEquals("Avisos de afiliación", Messages.load(loader, new Locale("es", "MX")).get("room.title"));
        assertEquals("Affiliatiemeldingen", Messages.load(loader, new Locale("nl")).get("room.title"));
        final Locale jvm = Locale.getDefault();
        Locale.setDefault(Locale.GERMAN);
        try {
            assertEquals("Affiliation Notifications", Messages.load(loader, Locale.JAPANESE).get("room.title"));
        } finally {
            Locale.setDefault(jvm);
        }
        assertEquals("???nope???", Messages.load(loader, Locale.ENGLISH).get("nope"));
        assertNotNull(Messages.load(Thread.currentThread().getContextClassLoader(), null).get("room.title"));
        assertEquals("Rooms: 10,000", Messages.load(loader, Locale.ENGLISH).format("rooms.total", 10_000));
        assertEquals("Räume: 10.000", Messages.load(loader, Locale.GERMAN).format("rooms.total", 10_000));
    }
}
