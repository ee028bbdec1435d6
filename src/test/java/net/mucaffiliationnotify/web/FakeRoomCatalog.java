package net.mucaffiliationnotify.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.settings.RoomInfo;
import net.mucaffiliationnotify.settings.RoomKey;

/** In-memory MUC services and rooms. */
final class FakeRoomCatalog implements RoomCatalog {
    private final Map<String, String> domains = new ConcurrentSkipListMap<>();
    private final Map<String, TreeMap<String, RoomInfo>> rooms = new ConcurrentSkipListMap<>();

    FakeRoomCatalog service(String name, String domain) {
        domains.put(name, domain);
        rooms.computeIfAbsent(name, n -> new TreeMap<>());
        return this;
    }

    FakeRoomCatalog room(String service, String room, String naturalName, String description) {
        final RoomInfo info = new RoomInfo(new RoomKey(service, room), naturalName, description);
        synchronized (rooms) {
            rooms.get(service).put(room, info);
        }
        return this;
    }

    @Override
    public List<String> services() {
        return new ArrayList<>(domains.keySet());
    }

    @Override
    public List<RoomInfo> rooms(String service) {
        synchronized (rooms) {
            final TreeMap<String, RoomInfo> of = rooms.get(service);
            return of == null ? List.of() : new ArrayList<>(of.values());
        }
    }

    @Override
    public Optional<RoomInfo> room(RoomKey key) {
        synchronized (rooms) {
            final TreeMap<String, RoomInfo> of = rooms.get(key.service());
            return of == null ? Optional.empty() : Optional.ofNullable(of.get(key.room()));
        }
    }

    @Override
    public Optional<String> serviceDomain(String service) {
        return Optional.ofNullable(domains.get(service));
    }
}
