package org.jivesoftware.openfire.event;

import java.util.Map;

import org.jivesoftware.openfire.group.Group;

/** Stand-in for Openfire 5.1.1's GroupEventListener (the same in 5.0.0 to 5.2): every method, the real signatures. */
public interface GroupEventListener {
    void groupCreated(Group group, Map<String, ?> params);

    void groupDeleting(Group group, Map<String, ?> params);

    void groupModified(Group group, Map<String, ?> params);

    void memberAdded(Group group, Map<String, ?> params);

    void memberRemoved(Group group, Map<String, ?> params);

    void adminAdded(Group group, Map<String, ?> params);

    void adminRemoved(Group group, Map<String, ?> params);
}
