package org.jivesoftware.openfire.auth;

/** Stand-in. */
public class UnauthorizedException extends Exception {
    public UnauthorizedException() {
    }
}
