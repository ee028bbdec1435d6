package net.mucaffiliationnotify.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory global and service defaults for tests: what Openfire keeps as a system property and MUC
 * service properties (and propagates to every cluster node itself).
 */
public final class InMemorySettingLevels implements SettingLevels {
    /** The global default. */
    public volatile boolean global;
    /** Service defaults by service name; absent means inherit. */
    public final Map<String, Mode> services = new ConcurrentHashMap<>();
    /** Makes saving a service default fail, as Openfire's property store can. */
    public volatile boolean failing;

    /** The notifications' levels: on by default. */
    public InMemorySettingLevels() {
        this(Setting.NOTIFICATIONS);
    }

    /**
     * @param setting whose levels these are: the global default is the setting's default
     */
    public InMemorySettingLevels(Setting setting) {
        this.global = setting.defaultEnabled();
    }

    @Override
    public boolean globalEnabled() {
        return global;
    }

    @Override
    public void setGlobalEnabled(boolean enabled) {
        global = enabled;
    }

    @Override
    public Mode serviceMode(String service) {
        return services.getOrDefault(service, Mode.INHERIT);
    }

    @Override
    public void setServiceMode(String service, Mode mode) {
        if (failing) {
            throw new IllegalStateException("test: property store down");
        }
        if (mode == Mode.INHERIT) {
            services.remove(service);
        } else {
            services.put(service, mode);
        }
    }
}
