package net.mucaffiliationnotify.web;

import net.mucaffiliationnotify.settings.Setting;

/**
 * How the pages show and change each {@link Setting}: the value of the {@value #PARAMETER} parameter that names
 * it in a POST, the ids of its elements and the keys of its texts. The notifications' are those of the pages
 * before there were other settings ({@code mucaffiliationnotify-mode-on}, {@code room.form.header}); another
 * setting's ids have its parameter after {@code mucaffiliationnotify-}, its keys a prefix of its own.
 */
enum SettingForm {
    NOTIFICATIONS(Setting.NOTIFICATIONS, "", ""),
    AFFECTED_USER(Setting.AFFECTED_USER, "affected-user-", "affected_user.");

    /** The parameter naming the setting a POST changes; a POST without it changes the notifications'. */
    static final String PARAMETER = "setting";

    final Setting setting;
    private final String idInfix;
    private final String keyPrefix;

    SettingForm(Setting setting, String idInfix, String keyPrefix) {
        this.setting = setting;
        this.idInfix = idInfix;
        this.keyPrefix = keyPrefix;
    }

    /**
     * @param value the {@value #PARAMETER} parameter of a request, or {@code null}
     * @return the form it names (the notifications' when {@code null}), or {@code null} when it names none
     */
    static SettingForm fromParameter(String value) {
        if (value == null) {
            return NOTIFICATIONS;
        }
        for (SettingForm form : values()) {
            if (form.setting.parameter().equals(value)) {
                return form;
            }
        }
        return null;
    }

    /** @return the value of the {@value #PARAMETER} parameter naming this setting */
    String parameter() {
        return setting.parameter();
    }

    /**
     * @param name what the element is, e.g. {@code mode-on}
     * @return its id on the page, e.g. {@code mucaffiliationnotify-affected-user-mode-on}
     */
    String id(String name) {
        return "mucaffiliationnotify-" + idInfix + name;
    }

    /**
     * @param key the key of a text of the notifications' form, e.g. {@code room.form.header}
     * @return this setting's key of that text
     */
    String key(String key) {
        return keyPrefix + key;
    }

    /** @return how the audit log names the setting after what changed: nothing for the notifications */
    String auditQualifier() {
        return this == NOTIFICATIONS ? "" : " (" + setting.label() + ")";
    }
}
