package net.mucaffiliationnotify.web;

import java.util.List;
import java.util.Map;

import net.mucaffiliationnotify.settings.EffectiveSetting;
import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.statistics.LastAnnouncement;

/**
 * What the room's page shows, read by {@link RoomSettingsServlet} and rendered by {@link RoomPageView}.
 *
 * @param contextPath the admin console's context path
 * @param csrfToken the token the page's forms carry
 * @param flashes messages left by the previous request
 * @param room the room
 * @param settings each setting of the room, in the order of {@link SettingForm}
 * @param announcementsKnown whether the plugin keeps the rooms' last announced changes (it is running)
 * @param lastAnnouncement the room's last announced change, or {@code null} when none is known
 */
record RoomPage(String contextPath, String csrfToken, List<Flash> flashes, RoomAddress room,
                Map<SettingForm, SettingState> settings, boolean announcementsKnown,
                LastAnnouncement lastAnnouncement) {

    /**
     * One setting of the room.
     *
     * @param effective whether it is on, and which level decided
     * @param own the room's own value
     * @param inherited what the defaults give the room
     */
    record SettingState(EffectiveSetting effective, Mode own, EffectiveSetting inherited) {
    }
}
