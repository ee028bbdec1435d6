package net.mucaffiliationnotify.openfire;

import org.jivesoftware.openfire.muc.spi.MUCPersistenceManager;
import org.jivesoftware.util.SystemProperty;

import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.Setting;
import net.mucaffiliationnotify.settings.SettingLevels;

/**
 * A setting's global default as an Openfire system property (listed with its description on the System
 * Properties page, changeable there) and each service's default as a MUC service property. Openfire keeps
 * both in memory and propagates changes to every cluster node.
 */
final class OpenfireSettingLevels implements SettingLevels {
    /** The plugin's display name, exactly as plugin.xml gives it: Openfire removes the property by it on unload. */
    static final String PLUGIN_NAME = "MUC Affiliation Notify";

    private final SystemProperty<Boolean> global;
    private final String serviceKey;

    /**
     * @param global the global default, registered
     * @param serviceKey the MUC service property holding a service's default: {@code true}, {@code false}, or absent
     */
    OpenfireSettingLevels(SystemProperty<Boolean> global, String serviceKey) {
        this.global = global;
        this.serviceKey = serviceKey;
    }

    /**
     * @param setting a setting
     * @return its levels, its global default registered for this plugin (call once per setting and plugin load)
     */
    static OpenfireSettingLevels register(Setting setting) {
        return new OpenfireSettingLevels(registerGlobalProperty(setting), setting.serviceProperty());
    }

    /** @return a setting's global default, registered for this plugin (call once per plugin load) */
    static SystemProperty<Boolean> registerGlobalProperty(Setting setting) {
        return SystemProperty.Builder.ofType(Boolean.class)
            .setKey(setting.globalProperty())
            .setDefaultValue(setting.defaultEnabled())
            .setDynamic(true)
            .setPlugin(PLUGIN_NAME)
            .build();
    }

    @Override
    public boolean globalEnabled() {
        final Boolean value = global.getValue();
        return value == null ? global.getDefaultValue() : value;
    }

    @Override
    public void setGlobalEnabled(boolean enabled) {
        SystemPropertyWriter.write(global, enabled);
    }

    @Override
    public Mode serviceMode(String service) {
        final String value = MUCPersistenceManager.getProperty(service, serviceKey);
        if ("true".equalsIgnoreCase(value)) {
            return Mode.ON;
        }
        if ("false".equalsIgnoreCase(value)) {
            return Mode.OFF;
        }
        return Mode.INHERIT;
    }

    @Override
    public void setServiceMode(String service, Mode mode) {
        if (mode == Mode.INHERIT) {
            MUCPersistenceManager.deleteProperty(service, serviceKey);
        } else {
            MUCPersistenceManager.setProperty(service, serviceKey, Boolean.toString(mode == Mode.ON));
        }
    }
}
