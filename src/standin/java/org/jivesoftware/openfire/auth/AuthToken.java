package org.jivesoftware.openfire.auth;

/** Stand-in for Openfire 5.1.1's AuthToken (members used by the plugin). */
public class AuthToken {
    protected AuthToken(String jid) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public String getUsername() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    /** Stand-in for the token of a login with a one-time access token. */
    public static class OneTimeAuthToken extends AuthToken {
        public OneTimeAuthToken(String token) {
            super(token);
        }
    }
}
