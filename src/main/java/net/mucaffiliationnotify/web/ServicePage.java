package net.mucaffiliationnotify.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.statistics.Counter;

/**
 * What the overview page shows, read by {@link ServiceSettingsServlet} and rendered by {@link ServicePageView}.
 *
 * @param contextPath the admin console's context path
 * @param csrfToken the token the page's forms carry
 * @param flashes messages left by the previous request
 * @param services every MUC service's name to its domain, in the catalog's order
 * @param query the service shown and the part of its room list
 * @param defaults each setting's global and service default, in the order of {@link SettingForm}
 * @param listing the rooms on this page
 * @param totalRooms how many rooms the service has
 * @param storedModes the rooms' own notification settings by room name, or {@code null} when they could not be read
 * @param counters this node's counters, or {@code null} when unknown
 * @param countingSince when this node started counting, or {@code null} when unknown
 */
record ServicePage(String contextPath, String csrfToken, List<Flash> flashes, Map<String, String> services,
                   ServiceQuery query, Map<SettingForm, Defaults> defaults, RoomListing listing, int totalRooms,
                   Map<String, Mode> storedModes, Map<Counter, Long> counters, Instant countingSince) {

    /**
     * A setting's defaults.
     *
     * @param global the global default
     * @param serviceMode the service's own default
     */
    record Defaults(boolean global, Mode serviceMode) {
        /** @return what a room of the service without a value of its own gets */
        EffectiveSetting inherited() {
            return EffectiveSetting.resolve(global, serviceMode, Mode.INHERIT);
        }
    }
}
