package org.jivesoftware.openfire.muc;

/** Stand-in for Openfire 5.x's top-level Affiliation enum. */
public enum Affiliation {
    owner(10),
    admin(20),
    member(30),
    outcast(40),
    none(50);

    private final int value;

    Affiliation(int value) {
        this.value = value;
    }

    public int getValue() {
        return value;
    }
}
