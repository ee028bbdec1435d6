package org.jivesoftware.util.cache;

import java.io.Externalizable;

/** Stand-in for Openfire 5.1.1's ClusterTask: a task run on other cluster nodes. */
public interface ClusterTask<V> extends Runnable, Externalizable {
    V getResult();
}
