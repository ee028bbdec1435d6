package net.mucaffiliationnotify.settings;

import java.util.List;
import java.util.Optional;

/** The MUC services and rooms the admin pages list. */
public interface RoomCatalog {
    /** @return the names of the MUC services (subdomains), sorted */
    List<String> services();

    /**
     * @param service a MUC service name
     * @return its rooms, sorted by name; empty when the service does not exist
     */
    List<RoomInfo> rooms(String service);

    /**
     * @param key a room
     * @return the room, when it exists
     */
    Optional<RoomInfo> room(RoomKey key);

    /**
     * @param service a MUC service name
     * @return the service's XMPP domain (e.g. {@code conference.example.org}), when it exists
     */
    Optional<String> serviceDomain(String service);
}
