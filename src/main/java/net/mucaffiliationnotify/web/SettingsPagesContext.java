package net.mucaffiliationnotify.web;

import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.statistics.LastAnnouncements;
import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * What the admin pages need from the running plugin. The plugin class implements it; the pages find the
 * loaded plugin through Openfire's PluginManager (see {@link OpenfirePluginLookup}).
 *
 * <p>Openfire creates the pages' servlets before it calls {@code initializePlugin}, and keeps serving them
 * for a moment while {@code destroyPlugin} runs: {@link #settings()} and {@link #catalog()} return
 * {@code null} while the plugin is not running, and the pages then answer "try again in a moment".</p>
 */
public interface SettingsPagesContext {
    /** @return the notification settings, or {@code null} while the plugin is not running */
    NotificationSettings settings();

    /** @return the MUC services and rooms, or {@code null} while the plugin is not running */
    RoomCatalog catalog();

    /** @return this node's counters, or {@code null} while the plugin is not running */
    default PluginCounters counters() {
        return null;
    }

    /** @return each room's last announced change, or {@code null} while the plugin is not running */
    default LastAnnouncements lastAnnouncements() {
        return null;
    }

    /** @return where changes made on the pages are recorded (Openfire's security audit log) */
    default AdminAuditLog audit() {
        return OpenfireAdminAuditLog.INSTANCE;
    }
}
