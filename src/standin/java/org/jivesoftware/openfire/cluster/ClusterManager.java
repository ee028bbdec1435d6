package org.jivesoftware.openfire.cluster;

/** Stand-in for Openfire 5.1.1's ClusterManager (members used by the plugin). */
public class ClusterManager {
    public static boolean isClusteringStarted() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public static boolean isSeniorClusterMember() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }

    public static boolean isSeniorClusterMemberOrNotClustered() {
        throw new UnsupportedOperationException("Openfire stand-in");
    }
}
