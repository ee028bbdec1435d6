package net.mucaffiliationnotify.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.dom4j.Element;
import org.xmpp.packet.Packet;

import net.mucaffiliationnotify.rules.Notification;

/** Collects what the tracker delivers, in order. */
final class RecordingSink implements NotificationSink {
    final List<Notification> delivered = new ArrayList<>();
    /** Everything delivered, notifications and held replies, in order. */
    final List<Packet> stanzas = new ArrayList<>();

    @Override
    public synchronized void deliver(List<Notification> notifications) {
        delivered.addAll(notifications);
        notifications.forEach(n -> stanzas.add(n.stanza()));
    }

    /** The status-101 messages to users whose affiliation changed while not in the room, in order. */
    final List<Notification> notices = new ArrayList<>();

    @Override
    public synchronized void tellAffected(List<Notification> told) {
        notices.addAll(told);
        told.forEach(n -> stanzas.add(n.stanza()));
    }

    @Override
    public synchronized void deliverHeldReply(Packet reply) {
        stanzas.add(reply);
    }

    /** @return "recipient:jid=affiliation" per delivered stanza, in order */
    synchronized List<String> summary() {
        return delivered.stream().map(n -> {
            final Element item = n.stanza().getChildElement("x", "http://jabber.org/protocol/muc#user").element("item");
            return n.stanza().getTo() + ":" + item.attributeValue("jid") + "=" + item.attributeValue("affiliation");
        }).collect(Collectors.toList());
    }

    synchronized int size() {
        return delivered.size();
    }
}
