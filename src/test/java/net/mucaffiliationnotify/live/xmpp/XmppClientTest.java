package net.mucaffiliationnotify.live.xmpp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.dom4j.Element;
import org.junit.Test;

/** {@link XmppClient}'s stream handling against {@link FakeXmppServer}, and its SCRAM-SHA-1 arithmetic. */
public class XmppClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    public void logsInBindsTheResourceAndExchangesStanzas() throws IOException {
        try (FakeXmppServer server = FakeXmppServer.start(false);
             XmppClient client = XmppClient.connect(server.host(), server.port(), "localhost", "romeo", "password",
                     "orchard", TIMEOUT)) {
            assertEquals("romeo@localhost/orchard", client.fullJid());

            client.send("<message to='juliet@localhost' id='m1'><body>Hello &amp; goodbye</body></message>");
            Element echo = client.receive(TIMEOUT);

            assertNotNull("the echo", echo);
            assertEquals("message", echo.getName());
            assertEquals("jabber:client", echo.getNamespaceURI());
            assertEquals("juliet@localhost", echo.attributeValue("from"));
            assertEquals("romeo@localhost/orchard", echo.attributeValue("to"));
            assertEquals("Hello & goodbye", echo.elementText("body"));
            assertEquals("jabber:client", echo.element("body").getNamespaceURI());
        }
    }

    @Test
    public void answersTheServersPingAndDoesNotHandItOn() throws IOException {
        try (FakeXmppServer server = FakeXmppServer.start(true);
             XmppClient client = XmppClient.connect(server.host(), server.port(), "localhost", "romeo", "password",
                     "orchard", TIMEOUT)) {
            client.send("<message to='juliet@localhost'><body>after the ping</body></message>");

            Element first = client.receive(TIMEOUT);
            assertEquals("message", first.getName());
            assertNull("nothing else arrives", client.receive(Duration.ofMillis(200)));
            // The reader thread answers the ping while this thread sends: either may reach the server first.
            List<Element> got = server.received();
            assertEquals("the pong and the message: " + got, 2, got.size());
            Element pong = got.stream().filter(e -> e.getName().equals("iq")).findFirst().orElseThrow();
            assertEquals("result", pong.attributeValue("type"));
            assertEquals("server-ping", pong.attributeValue("id"));
            assertEquals("localhost", pong.attributeValue("to"));
        }
    }

    @Test
    public void receiveReturnsNullOnTimeoutAndSendsElements() throws IOException {
        try (FakeXmppServer server = FakeXmppServer.start(false);
             XmppClient client = XmppClient.connect(server.host(), server.port(), "localhost", "romeo", "password",
                     null, TIMEOUT)) {
            assertEquals("romeo@localhost/generated", client.fullJid());
            long start = System.nanoTime();
            assertNull(client.receive(Duration.ofMillis(150)));
            assertTrue("waited", System.nanoTime() - start >= Duration.ofMillis(140).toNanos());

            Element message = org.dom4j.DocumentHelper.createElement(
                    org.dom4j.QName.get("message", "jabber:client"));
            message.addAttribute("to", "juliet@localhost");
            message.addElement(org.dom4j.QName.get("body", "jabber:client")).setText("as an element");
            client.send(message);
            assertEquals("as an element", client.receive(TIMEOUT).elementText("body"));
        }
    }

    @Test
    public void closeEndsTheStreamAndLaterReceivesReportTheEnd() throws IOException {
        try (FakeXmppServer server = FakeXmppServer.start(false)) {
            XmppClient client = XmppClient.connect(server.host(), server.port(), "localhost", "romeo", "password",
                    "orchard", TIMEOUT);
            client.send("<message to='juliet@localhost'><body>last words</body></message>");
            // The echo may or may not be read before close: either way it stays receivable, then the end.
            waitForServerToHave(server, 1);
            client.close();
            Element left = client.receive(Duration.ZERO);
            assertNotNull("a stanza that came before the end is still handed out", left);
            assertEquals("last words", left.elementText("body"));
            try {
                client.receive(Duration.ofMillis(100));
                fail("the end of the stream must be reported");
            } catch (IOException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("closed"));
            }
        }
    }

    @Test
    public void wrongPasswordIsReportedAsAuthenticationFailure() throws IOException {
        try (FakeXmppServer server = FakeXmppServer.start(false)) {
            try {
                XmppClient.connect(server.host(), server.port(), "localhost", "romeo", "wrong", "orchard", TIMEOUT)
                        .close();
                fail("logged in with a wrong password");
            } catch (IOException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("authentication failed"));
            }
        }
    }

    /** RFC 5802 section 5: the example exchange for user "user", password "pencil". */
    @Test
    public void scramSha1ComputesTheRfcExample() throws IOException {
        ScramSha1 scram = new ScramSha1("user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        assertEquals("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", scram.clientFirst());
        String clientFinal = scram.clientFinal("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertEquals("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", clientFinal);
        assertTrue(scram.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
        assertTrue(!scram.verifyServerFinal("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    }

    @Test
    public void scramRejectsANonceThatDoesNotExtendOurs() {
        ScramSha1 scram = new ScramSha1("user", "pencil", "abc");
        try {
            scram.clientFinal("r=xyz123,s=QSXCR+Q6sek8bf92,i=4096");
            fail("accepted a foreign nonce");
        } catch (IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("nonce"));
        }
    }

    private static void waitForServerToHave(FakeXmppServer server, int stanzas) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (server.received().size() < stanzas && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
