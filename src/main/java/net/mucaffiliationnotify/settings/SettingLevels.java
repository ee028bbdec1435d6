package net.mucaffiliationnotify.settings;

/**
 * The global and per-service defaults, kept where Openfire keeps such things: a system property and MUC
 * service properties. Both are held in memory by Openfire and propagated to every cluster node by it.
 */
public interface SettingLevels {
    /** @return the global default */
    boolean globalEnabled();

    /**
     * @param enabled the new global default
     */
    void setGlobalEnabled(boolean enabled);

    /**
     * @param service a MUC service name
     * @return the service's default, {@link Mode#INHERIT} when unset
     */
    Mode serviceMode(String service);

    /**
     * @param service a MUC service name
     * @param mode the service's new default; {@link Mode#INHERIT} removes it
     */
    void setServiceMode(String service, Mode mode);
}
