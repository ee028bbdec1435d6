package net.mucaffiliationnotify.settings;

import java.util.Objects;

/**
 * What the admin pages show of a room.
 *
 * @param key the room
 * @param naturalName the room's display name (may be empty)
 * @param description the room's description (may be empty)
 */
public record RoomInfo(RoomKey key, String naturalName, String description) {
    public RoomInfo {
        Objects.requireNonNull(key, "key");
        naturalName = naturalName == null ? "" : naturalName;
        description = description == null ? "" : description;
    }
}
