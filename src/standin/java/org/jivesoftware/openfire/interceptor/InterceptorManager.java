package org.jivesoftware.openfire.interceptor;

import java.util.List;

/** Stand-in for Openfire 5.1.1's InterceptorManager (members used by the plugin). */
public class InterceptorManager {
    public static InterceptorManager getInstance() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public List<PacketInterceptor> getInterceptors() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public void addInterceptor(PacketInterceptor interceptor) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public boolean removeInterceptor(PacketInterceptor interceptor) {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
