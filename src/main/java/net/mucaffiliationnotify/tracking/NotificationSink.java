package net.mucaffiliationnotify.tracking;

import java.util.List;

import net.mucaffiliationnotify.rules.Notification;

/** Delivers notifications, in order, to their recipients. */
public interface NotificationSink {
    /**
     * @param notifications the stanzas to deliver, in the order given
     */
    void deliver(List<Notification> notifications);
}
