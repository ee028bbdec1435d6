package org.jivesoftware.openfire.session;

import org.jivesoftware.openfire.RoutableChannelHandler;

/** Stand-in: only used as a parameter type. */
public interface Session extends RoutableChannelHandler {
}
