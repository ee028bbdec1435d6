package net.mucaffiliationnotify.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.mucaffiliationnotify.settings.Mode;
import net.mucaffiliationnotify.settings.SettingLevels;

/** In-memory global and service defaults. */
final class FakeSettingLevels implements SettingLevels {
    volatile boolean global = true;
    final Map<String, Mode> services = new ConcurrentHashMap<>();
    /** Makes saving a service default fail, as Openfire's property store can. */
    volatile boolean failing;

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
