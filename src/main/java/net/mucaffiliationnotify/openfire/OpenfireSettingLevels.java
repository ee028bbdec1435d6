package net.mucaffiliationnotify.openfire;

import org.jivesoftware.openfire.muc.spi.MUCPersistenceManager;
import org.jivesoftware.util.SystemProperty;

import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.SettingLevels;

/**
 * The global default as an Openfire system property (listed with its description on the System
 * Properties page, changeable there) and each service's default as a MUC service property. Openfire keeps
 * both in memory and propagates changes to every cluster node.
 */
final class OpenfireSettingLevels implements SettingLevels {
    /** The plugin's display name, exactly as plugin.xml gives it: Openfire removes the property by it on unload. */
    static final String PLUGIN_NAME = "MUC Affiliation Notify";
    /** The global default's key. */
    static final String GLOBAL_KEY = "plugin.mucaffiliationnotify.enabled";
    /** The MUC service property holding a service's default: {@code true}, {@code false}, or absent. */
    static final String SERVICE_KEY = "mucaffiliationnotify.enabled";

    private final SystemProperty<Boolean> global;

    OpenfireSettingLevels(SystemProperty<Boolean> global) {
        this.global = global;
    }

    /** @return the global default, registered for this plugin (call once per plugin load) */
    static SystemProperty<Boolean> registerGlobalProperty() {
        return SystemProperty.Builder.ofType(Boolean.class)
            .setKey(GLOBAL_KEY)
            .setDefaultValue(Boolean.TRUE)
            .setDynamic(true)
            .setPlugin(PLUGIN_NAME)
            .build();
    }

    @Override
    public boolean globalEnabled() {
        return !Boolean.FALSE.equals(global.getValue());
    }

    @Override
    public void setGlobalEnabled(boolean enabled) {
        SystemPropertyWriter.write(global, enabled);
    }

    @Override
    public Mode serviceMode(String service) {
        final String value = MUCPersistenceManager.getProperty(service, SERVICE_KEY);
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
            MUCPersistenceManager.deleteProperty(service, SERVICE_KEY);
        } else {
            MUCPersistenceManager.setProperty(service, SERVICE_KEY, Boolean.toString(mode == Mode.ON));
        }
    }
}
