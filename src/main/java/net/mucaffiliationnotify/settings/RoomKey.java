package net.mucaffiliationnotify.settings;

import java.util.Objects;

/**
 * Identifies a room for settings: the MUC service's name (its subdomain, e.g. {@code conference}, as
 * Openfire's ofMucService stores it) and the room's name (the node of its JID).
 *
 * @param service the MUC service name
 * @param room the room name
 */
public record RoomKey(String service, String room) {
    /** Longest service or room name accepted (Openfire's columns hold 255 characters). */
    public static final int MAX_LENGTH = 255;

    public RoomKey {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(room, "room");
        if (service.isEmpty() || room.isEmpty() || service.length() > MAX_LENGTH || room.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Invalid room key: " + service + "/" + room);
        }
    }

    /** @return a string form for cache keys: service, a slash, room (neither may hold a slash in a JID domain) */
    public String cacheKey() {
        return service + "/" + room;
    }
}
