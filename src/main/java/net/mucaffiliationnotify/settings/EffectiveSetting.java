package net.mucaffiliationnotify.settings;

import java.util.Objects;

/**
 * Whether a room notifies, and which level decided it.
 *
 * @param enabled whether the plugin notifies for the room
 * @param source the level whose value applies
 */
public record EffectiveSetting(boolean enabled, Source source) {
    public EffectiveSetting {
        Objects.requireNonNull(source, "source");
    }

    /**
     * The one place where the levels are combined: the room's own value, else the service's, else global.
     *
     * @param globalEnabled the global default
     * @param serviceMode the service's default ({@link Mode#INHERIT} when unset)
     * @param roomMode the room's value ({@link Mode#INHERIT} when unset)
     * @return the effective setting
     */
    public static EffectiveSetting resolve(boolean globalEnabled, Mode serviceMode, Mode roomMode) {
        if (roomMode == Mode.ON || roomMode == Mode.OFF) {
            return new EffectiveSetting(roomMode == Mode.ON, Source.ROOM);
        }
        if (serviceMode == Mode.ON || serviceMode == Mode.OFF) {
            return new EffectiveSetting(serviceMode == Mode.ON, Source.SERVICE);
        }
        return new EffectiveSetting(globalEnabled, Source.GLOBAL);
    }
}
