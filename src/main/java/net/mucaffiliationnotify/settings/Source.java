package net.mucaffiliationnotify.settings;

/** Which level decided a room's effective setting. */
public enum Source {
    ROOM, SERVICE, GLOBAL
}
