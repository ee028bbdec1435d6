package net.mucaffiliationnotify.live.scansion;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.dom4j.Element;
import org.junit.Test;

import net.mucaffiliationnotify.live.xmpp.FakeXmppServer;

/** {@link ScenarioRunner} against the in-process {@link FakeXmppServer}, which echoes messages. */
public class ScenarioRunnerTest {

    private static final String HEADER = String.join("\n",
            "# Echo",
            "[Client] Romeo",
            "\tjid: romeo@localhost/orchard",
            "\tpassword: password",
            "-----",
            "Romeo connects",                                                            // 6
            "Romeo sends:",                                                              // 7
            "\t<message to='echo@localhost' id='m1' scansion:strict='true'><body>Hello</body></message>",
            "");

    private static final ScenarioRunner.Options FAST = ScenarioRunner.Options.defaults()
            .withTimeout(Duration.ofSeconds(2)).withNothingWait(Duration.ofMillis(200));

    @Test
    public void passingScenario() throws Exception {
        try (FakeXmppServer server = FakeXmppServer.start(false)) {
            ScenarioResult result = run(server, FAST, HEADER + String.join("\n",
                    "Romeo receives:",
                    "\t<message from='echo@localhost' to=\"${Romeo's full JID}\" id='{scansion:capture:ID}'>",
                    "\t\t<body>Hello</body>",
                    "\t</message>",
                    "Romeo sends:",
                    "\t<message to='echo@localhost' id='{scansion:capture:ID}-again'><body>${Romeo's JID}</body></message>",
                    "Romeo receives:",
                    "\t<message id='m1-again'><body>romeo@localhost</body></message>",
                    "Romeo receives: nothing",
                    "Romeo disconnects", ""));

            assertTrue(String.valueOf(result), result.passed());
            assertNull(result.mismatch());
            assertEquals("echo.scs", result.name());
            // What went out: no scansion attribute, variables and captures filled in, a sync ping after each sends.
            List<Element> sent = server.received();
            Element first = sent.get(0);
            assertEquals("message", first.getName());
            assertTrue("scansion:strict is not sent", first.attributes().stream()
                    .noneMatch(a -> StanzaXml.NS_SCANSION.equals(a.getNamespaceURI())));
            assertTrue("a sync ping follows", sent.get(1).getName().equals("iq") && sent.get(1).element("ping") != null);
            assertEquals("m1-again", sent.get(2).attributeValue("id"));
            assertEquals("romeo@localhost", sent.get(2).elementText("body"));
        }
    }

    @Test
    public void mismatchReportsLineExpectedReceivedAndReason() throws Exception {
        try (FakeXmppServer server = FakeXmppServer.start(false)) {
            ScenarioResult result = run(server, FAST, HEADER + String.join("\n",
                    "Romeo receives:",                                                   // 9
                    "\t<message from='echo@localhost'><body>Goodbye</body></message>",
                    "Romeo disconnects", ""));

            assertFalse(result.passed());
            ScenarioResult.Mismatch mismatch = result.mismatch();
            assertEquals(9, mismatch.line());
            assertTrue(mismatch.expected(), mismatch.expected().contains("<body>Goodbye</body>"));
            assertTrue(mismatch.received(), mismatch.received().contains("<body>Hello</body>"));
            assertTrue(mismatch.reason(), mismatch.reason().contains("within 2 s"));
            assertTrue(mismatch.reason(), mismatch.reason().contains("text 'Hello', expected 'Goodbye'"));
        }
    }

    @Test
    public void strictFailsOnTheVeryNextStanza() throws Exception {
        try (FakeXmppServer server = FakeXmppServer.start(false)) {
            String script = HEADER + String.join("\n",
                    "Romeo sends:",                                                      // 9
                    "\t<message to='other@localhost' id='m2'/>",
                    "Romeo receives:",                                                   // 11
                    "\t<message from='other@localhost'/>",
                    "");
            assertTrue("without --strict the echo of m1 is skipped", run(server, FAST, script).passed());
            ScenarioResult strict = run(server, FAST.withStrict(true), script);
            assertFalse(strict.passed());
            assertEquals(11, strict.mismatch().line());
            assertTrue(strict.mismatch().reason(), strict.mismatch().reason().contains("--strict"));
        }
    }

    @Test
    public void strictFailsOnLeftoversAndReceivesNothingFailsOnAStanza() throws Exception {
        try (FakeXmppServer server = FakeXmppServer.start(false)) {
            ScenarioResult leftover = run(server, FAST.withStrict(true), HEADER + "Romeo disconnects\n");
            assertFalse(leftover.passed());
            assertEquals(9, leftover.mismatch().line());
            assertTrue(leftover.mismatch().reason(), leftover.mismatch().reason().contains("never consumed"));

            ScenarioResult nothing = run(server, FAST, HEADER + "Romeo receives: nothing\n");
            assertFalse(nothing.passed());
            assertEquals(9, nothing.mismatch().line());
            assertEquals("nothing", nothing.mismatch().expected());
            assertTrue(nothing.mismatch().received(), nothing.mismatch().received().contains("Hello"));
        }
    }

    @Test
    public void unreachableServerFailsAtTheConnect() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ScenarioResult result = new ScenarioRunner("127.0.0.1", closedPort, "localhost", FAST)
                .run(ScenarioParser.parse("echo.scs", HEADER));
        assertFalse(result.passed());
        assertEquals(6, result.mismatch().line());
        assertTrue(result.mismatch().reason(), result.mismatch().reason().contains("could not connect"));
    }

    private static ScenarioResult run(FakeXmppServer server, ScenarioRunner.Options options, String script)
            throws ScenarioFormatException, IOException {
        return new ScenarioRunner(server.host(), server.port(), "localhost", options)
                .run(ScenarioParser.parse("echo.scs", script));
    }
}
