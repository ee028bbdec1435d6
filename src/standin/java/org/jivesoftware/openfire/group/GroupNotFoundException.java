package org.jivesoftware.openfire.group;

/** Stand-in for Openfire 5.1.1's GroupNotFoundException. */
public class GroupNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    public GroupNotFoundException() {
    }

    public GroupNotFoundException(String msg) {
        super(msg);
    }
}
