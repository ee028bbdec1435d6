package net.mucaffiliationnotify.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 * @param global the global default
 * @param serviceMode the service's own default
 * @param listing the rooms on this page
 * @param totalRooms how many rooms the service has
 * @param storedModes the rooms' own settings by room name, or {@code null} when they could not be read
 * @param counters this node's counters, or {@code null} when unknown
 * @param countingSince when this node started counting, or {@code null} when unknown
 */
record ServicePage(String contextPath, String csrfToken, List<Flash> flashes, Map<String, String> services,
                   ServiceQuery query, boolean global, Mode serviceMode, RoomListing listing, int totalRooms,
                   Map<String, Mode> storedModes, Map<Counter, Long> counters, Instant countingSince) {
}
