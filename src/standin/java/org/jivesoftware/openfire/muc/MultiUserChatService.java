package org.jivesoftware.openfire.muc;

import java.util.Collection;
import java.util.List;

import org.jivesoftware.openfire.muc.spi.LocalMUCRoomManager;
import org.jivesoftware.openfire.muc.spi.MUCRoomSearchInfo;
import org.xmpp.component.Component;
import org.xmpp.packet.JID;

/** Stand-in for Openfire 5.1.1's MultiUserChatService (members used by the plugin). */
public interface MultiUserChatService extends Component {
    String getServiceDomain();

    String getServiceName();

    MUCRoom getChatRoom(final String roomName);

    List<MUCRoom> getActiveChatRooms();

    Collection<MUCRoomSearchInfo> getAllRoomSearchInfo();

    LocalMUCRoomManager getLocalMUCRoomManager();

    Collection<JID> getSysadmins();
}
