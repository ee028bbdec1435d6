package net.mucaffiliationnotify.openfire;

import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

import java.util.List;

import org.jivesoftware.openfire.PacketRouter;
import org.junit.Test;
import org.mockito.InOrder;
import org.xmpp.packet.Message;

import net.mucaffiliationnotify.rules.Notification;

/** Notifications are routed one by one, in order; one that cannot be routed does not stop the others. */
public class RoutingNotificationSinkTest {
    private static Notification to(String jid) {
        final Message message = new Message();
        message.setTo(jid);
        return new Notification(message);
    }

    @Test
    public void routesEachInOrderAndSurvivesAFailure() {
        final PacketRouter router = mock(PacketRouter.class);
        final Notification a = to("a@localhost/1");
        final Notification b = to("b@localhost/1");
        final Notification c = to("c@localhost/1");
        doThrow(new IllegalStateException("no route")).when(router).route(b.stanza());

        new RoutingNotificationSink(router).deliver(List.of(a, b, c));

        final InOrder order = inOrder(router);
        order.verify(router).route(argThat((Message m) -> m == a.stanza()));
        order.verify(router).route(argThat((Message m) -> m == b.stanza()));
        order.verify(router).route(argThat((Message m) -> m == c.stanza()));
    }
}
