package net.mucaffiliationnotify.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import net.mucaffiliationnotify.rules.MucAffiliation;
import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.Source;

/** How the pages name states, modes and the level that decided. */
final class Labels {
    private Labels() {
    }

    static String state(Messages messages, boolean enabled) {
        return messages.get(enabled ? "state.on" : "state.off");
    }

    static String mode(Messages messages, Mode mode) {
        return messages.get("mode." + mode.parameter());
    }

    /**
     * @param serviceDomain the service's domain, named when the service's default decided
     * @return e.g. "This room's own setting", "Default of the service conference.example.org", "Global default"
     */
    static String source(Messages messages, Source source, String serviceDomain) {
        switch (source) {
            case ROOM: return messages.get("source.room");
            case SERVICE: return messages.format("source.service", serviceDomain);
            default: return messages.get("source.global");
        }
    }

    /** @return the short form for table cells: "Room", "Service default", "Global default" */
    static String sourceShort(Messages messages, Source source) {
        return messages.get("source.short." + source.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** @return e.g. "On (Global default)" */
    static String effective(Messages messages, EffectiveSetting setting, String serviceDomain) {
        return messages.format("effective.with_source", state(messages, setting.enabled()),
            source(messages, setting.source(), serviceDomain));
    }

    /**
     * @param at a moment
     * @return it as a date and time of the server's time zone, in the admin's language
     */
    static String time(Messages messages, Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(messages.locale())
            .withZone(ZoneId.systemDefault()).format(at);
    }

    /** @return a count with the admin's digit grouping, e.g. "12,345" */
    static String count(Messages messages, long value) {
        return NumberFormat.getIntegerInstance(messages.locale()).format(value);
    }

    /** @return e.g. "member", "outcast (banned)" */
    static String affiliation(Messages messages, MucAffiliation affiliation) {
        return messages.get("affiliation." + affiliation.name());
    }
}
