package net.mucaffiliationnotify.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import org.jivesoftware.util.JiveGlobals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages' texts in the admin console's language, from the plugin's bundle
 * {@code i18n/mucaffiliationnotify_i18n*.properties}.
 *
 * <p>As in Openfire's {@code LocaleUtils}: a text is used as written when it takes no arguments, and as a
 * {@link MessageFormat} pattern when it does (there an apostrophe is written twice). Texts are plain text:
 * the pages escape them. A locale without a translation, or a key missing in it, falls back to the base
 * bundle, which is English — never to the JVM's default locale.</p>
 */
final class Messages {
    private static final Logger Log = LoggerFactory.getLogger(Messages.class);

    /** The bundle's base name: plugin.xml's name lower-cased without non-word characters, plus {@code _i18n}. */
    static final String BUNDLE = "mucaffiliationnotify_i18n";

    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /**
     * @param loader the class loader that sees the bundle (in Openfire: the plugin's, which holds {@code i18n/})
     * @param locale the wanted language
     * @return the texts
     */
    static Messages load(ClassLoader loader, Locale locale) {
        final Locale wanted = locale == null ? Locale.ENGLISH : locale;
        ResourceBundle bundle;
        try {
            bundle = ResourceBundle.getBundle(BUNDLE, wanted, loader, NO_DEFAULT_LOCALE);
        } catch (MissingResourceException e) {
            Log.error("The resource bundle {} cannot be found; the pages show keys instead of texts.", BUNDLE, e);
            bundle = null;
        }
        return new Messages(bundle, wanted);
    }

    /**
     * @param loader the class loader that sees the bundle
     * @param locale the admin console's locale, read at each request
     * @return a source of texts in the locale of the moment
     */
    static Supplier<Messages> source(ClassLoader loader, Supplier<Locale> locale) {
        return () -> load(loader, locale.get());
    }

    /**
     * @return the locale Openfire's admin console uses ({@code JiveGlobals.getLocale()}), English when that
     *     cannot be told (outside Openfire)
     */
    static Locale openfireLocale() {
        try {
            final Locale locale = JiveGlobals.getLocale();
            return locale == null ? Locale.ENGLISH : locale;
        } catch (RuntimeException e) {
            return Locale.ENGLISH;
        }
    }

    /** @return the locale the texts were asked for */
    Locale locale() {
        return locale;
    }

    /**
     * @param key a key of the bundle
     * @return its text as written, or {@code ???key???} when the bundle lacks it
     */
    String get(String key) {
        if (bundle != null) {
            try {
                return bundle.getString(key);
            } catch (MissingResourceException e) {
                Log.warn("Missing text {} in {}", key, BUNDLE);
            }
        }
        return "???" + key + "???";
    }

    /**
     * @param key a key of the bundle whose text is a {@link MessageFormat} pattern
     * @param arguments the values for its placeholders
     * @return the formatted text
     */
    String format(String key, Object... arguments) {
        final String pattern = get(key);
        try {
            return new MessageFormat(pattern, locale).format(arguments);
        } catch (IllegalArgumentException e) {
            Log.warn("Malformed text {} in {}: {}", key, BUNDLE, pattern, e);
            return pattern;
        }
    }
}
