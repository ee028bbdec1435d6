package net.mucaffiliationnotify.settings;

/**
 * The plugin's on/off settings. Each is decided per room by the room's own value, else its service's default,
 * else the global default (R12), and each level is kept where the other settings' are: the global default an
 * Openfire system property, a service's default a MUC service property, a room's own value a row of the
 * setting's table.
 */
public enum Setting {
    /**
     * Whether a room tells its occupants of affiliation changes (the plugin's main switch: where it is off the
     * plugin sends nothing for the room and follows no request there).
     */
    NOTIFICATIONS("notifications", "notification setting", "plugin.mucaffiliationnotify.enabled",
        "mucaffiliationnotify.enabled", true),
    /**
     * Whether a room tells a user whose affiliation changed while the user was not in it (XEP-0045 status 101),
     * for the changes it announces.
     */
    AFFECTED_USER("affected-user", "setting for telling the affected user",
        "plugin.mucaffiliationnotify.affectedUser.enabled", "mucaffiliationnotify.affectedUser.enabled", false);

    private final String parameter;
    private final String label;
    private final String globalProperty;
    private final String serviceProperty;
    private final boolean defaultEnabled;

    Setting(String parameter, String label, String globalProperty, String serviceProperty, boolean defaultEnabled) {
        this.parameter = parameter;
        this.label = label;
        this.globalProperty = globalProperty;
        this.serviceProperty = serviceProperty;
        this.defaultEnabled = defaultEnabled;
    }

    /** @return the setting as the pages' forms name it, e.g. {@code affected-user} */
    public String parameter() {
        return parameter;
    }

    /** @return what logs and errors call it, e.g. "notification setting" */
    public String label() {
        return label;
    }

    /** @return the Openfire system property holding the global default */
    public String globalProperty() {
        return globalProperty;
    }

    /** @return the MUC service property holding a service's default ({@code true}, {@code false}, or absent) */
    public String serviceProperty() {
        return serviceProperty;
    }

    /** @return the global default while its property is unset */
    public boolean defaultEnabled() {
        return defaultEnabled;
    }

    /**
     * @param value a setting's {@link #parameter()}
     * @return the setting, or {@code null} when the value names none
     */
    public static Setting fromParameter(String value) {
        for (Setting setting : values()) {
            if (setting.parameter.equals(value)) {
                return setting;
            }
        }
        return null;
    }
}
