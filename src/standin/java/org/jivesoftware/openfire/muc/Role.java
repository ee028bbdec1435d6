package org.jivesoftware.openfire.muc;

/** Stand-in for Openfire 5.x's top-level Role enum. */
public enum Role {
    moderator(0),
    participant(1),
    visitor(2),
    none(3);

    private final int value;

    Role(int value) {
        this.value = value;
    }

    public int getValue() {
        return value;
    }
}
