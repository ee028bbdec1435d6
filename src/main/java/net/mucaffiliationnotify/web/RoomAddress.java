package net.mucaffiliationnotify.web;

import java.util.Optional;

import javax.servlet.http.HttpServletResponse;

import org.xmpp.packet.JID;

import net.mucaffiliationnotify.settings.RoomCatalog;
import net.mucaffiliationnotify.settings.RoomInfo;
import net.mucaffiliationnotify.settings.RoomKey;

/**
 * A room named by its bare JID, the way Openfire's room pages name it ({@code roomJID=room@conference.example.org}),
 * resolved to an existing room of an existing MUC service.
 */
final class RoomAddress {
    /** Longest parameter value looked at (a JID has at most three parts of 1023 bytes). */
    static final int MAX_LENGTH = 3071;

    final RoomKey key;
    final RoomInfo info;
    final String serviceDomain;

    private RoomAddress(RoomKey key, RoomInfo info, String serviceDomain) {
        this.key = key;
        this.info = info;
        this.serviceDomain = serviceDomain;
    }

    /** @return the room's bare JID, as the pages show and link it */
    String jid() {
        return key.room() + "@" + serviceDomain;
    }

    /**
     * @param value the {@code roomJID} parameter
     * @param catalog the services and rooms
     * @param messages the texts of the refusal
     * @return the room
     * @throws PageProblem 400 when the value is missing or no bare room JID, 404 when its service or room does not exist
     */
    static RoomAddress resolve(String value, RoomCatalog catalog, Messages messages) throws PageProblem {
        if (value == null || value.trim().isEmpty()) {
            throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST, messages.get("error.room.missing"));
        }
        final String trimmed = value.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.room.malformed", trimmed.substring(0, 64) + "…"));
        }
        final JID jid;
        try {
            jid = new JID(trimmed);
        } catch (IllegalArgumentException e) {
            throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST, messages.format("error.room.malformed", trimmed));
        }
        if (jid.getNode() == null || jid.getResource() != null) {
            throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST, messages.format("error.room.malformed", trimmed));
        }
        final String domain = jid.getDomain();
        final Optional<String> service = serviceOf(catalog, domain);
        if (service.isEmpty()) {
            throw new PageProblem(HttpServletResponse.SC_NOT_FOUND, messages.format("error.room.unknown_service", domain));
        }
        final RoomKey key;
        try {
            key = new RoomKey(service.get(), jid.getNode());
        } catch (IllegalArgumentException e) {
            throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST, messages.format("error.room.malformed", trimmed));
        }
        final Optional<RoomInfo> info = catalog.room(key);
        if (info.isEmpty()) {
            throw new PageProblem(HttpServletResponse.SC_NOT_FOUND,
                messages.format("error.room.unknown", jid.toBareJID()));
        }
        return new RoomAddress(key, info.get(), domain);
    }

    /**
     * @return the name of the MUC service whose domain is the given one
     */
    static Optional<String> serviceOf(RoomCatalog catalog, String domain) {
        for (String service : catalog.services()) {
            final Optional<String> serviceDomain = catalog.serviceDomain(service);
            if (serviceDomain.isPresent() && serviceDomain.get().equalsIgnoreCase(domain)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
