package org.jivesoftware.openfire.muc;

import org.jivesoftware.openfire.muc.spi.LocalMUCRoomManager;
import org.xmpp.component.Component;

/** Stand-in for Openfire 5.1.1's MultiUserChatService (members used by the plugin). */
public interface MultiUserChatService extends Component {
    String getServiceDomain();

    LocalMUCRoomManager getLocalMUCRoomManager();
}
