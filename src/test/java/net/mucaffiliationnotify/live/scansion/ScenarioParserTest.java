package net.mucaffiliationnotify.live.scansion;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dom4j.Element;
import org.junit.Test;

import net.mucaffiliationnotify.live.scansion.Scenario.Action;
import net.mucaffiliationnotify.live.scansion.Scenario.Verb;

/** The scansion format as {@link ScenarioParser} reads it, its errors, and the project's own scenario files. */
public class ScenarioParserTest {

    private static final String HEADER = String.join("\n",
            "# Title of the scenario",
            "# A description line",
            "## tag-one",
            "// a comment in the header",
            "-- another comment",
            "",
            "[Client] Romeo",
            "\tjid: user@localhost",
            "\tpassword: secret:with:colons",
            "",
            "[Client] Juliet",
            "    jid: user2@localhost/balcony",
            "    password: password",
            "",
            "[Client] Nurse",
            "\tjid: user3@localhost/ignored",
            "\tresource: kitchen",
            "",
            "-----",
            "");

    // ---- the header

    @Test
    public void readsTitleDescriptionTagsAndCharacters() throws ScenarioFormatException {
        Scenario scenario = ScenarioParser.parse("t.scs", HEADER + "Romeo connects\n");

        assertEquals("t.scs", scenario.name());
        assertEquals("Title of the scenario", scenario.title());
        assertEquals(List.of("A description line"), scenario.description());
        assertEquals(List.of("tag-one"), scenario.tags());
        assertEquals(List.of("Romeo", "Juliet", "Nurse"), List.copyOf(scenario.clients().keySet()));

        Scenario.Client romeo = scenario.clients().get("Romeo");
        assertEquals("user@localhost", romeo.jid());
        assertEquals("secret:with:colons", romeo.password());
        assertNull("no resource: the server picks one", romeo.resource());

        Scenario.Client juliet = scenario.clients().get("Juliet");
        assertEquals("user2@localhost", juliet.bareJid());
        assertEquals("balcony", juliet.resource());
        assertEquals("kitchen", scenario.clients().get("Nurse").resource());
    }

    // ---- the script

    @Test
    public void readsEveryVerbWithItsLine() throws ScenarioFormatException {
        String body = String.join("\n",
                "Romeo connects",                                   // 20
                "",
                "# a comment between actions",
                "Romeo sends:",                                     // 23
                "\t<presence to='room@conference.localhost/Romeo'>",
                "\t\t<x xmlns='http://jabber.org/protocol/muc'/>",
                "",
                "\t</presence>",
                "",
                "Romeo receives:",                                  // 29
                "\t<presence from='room@conference.localhost/Romeo'/>",
                "Romeo receives: nothing",                          // 31
                "// another comment",
                "Romeo disconnects",                                // 33
                "");
        List<Action> actions = ScenarioParser.parse("t.scs", HEADER + body).actions();

        assertEquals(List.of(Verb.CONNECTS, Verb.SENDS, Verb.RECEIVES, Verb.RECEIVES, Verb.DISCONNECTS),
                actions.stream().map(Action::verb).collect(Collectors.toList()));
        assertEquals(List.of(20, 23, 29, 31, 33), actions.stream().map(Action::line).collect(Collectors.toList()));
        assertEquals("Romeo", actions.get(1).client());
        assertTrue("blank line inside a block is part of it", actions.get(1).payload().endsWith("</presence>"));
        assertEquals(24, actions.get(1).payloadLine());
        assertTrue(actions.get(3).nothing());
        assertFalse(actions.get(2).nothing());
        assertEquals("<presence from='room@conference.localhost/Romeo'/>", actions.get(2).payload());
    }

    @Test
    public void stanzaMayFollowOnTheActionLineAndTheColonIsOptional() throws ScenarioFormatException {
        List<Action> actions = ScenarioParser.parse("t.scs", HEADER
                + "Romeo connects\nRomeo sends <message to='a@b'><body>x</body></message>\n"
                + "Romeo receives: <message from='a@b'/>\n").actions();

        assertEquals(Verb.SENDS, actions.get(1).verb());
        assertEquals("<message to='a@b'><body>x</body></message>", actions.get(1).payload());
        assertEquals(21, actions.get(1).payloadLine());
        assertEquals("<message from='a@b'/>", actions.get(2).payload());
    }

    @Test
    public void oneBlockMayHoldSeveralStanzas() throws Exception {
        Action sends = ScenarioParser.parse("t.scs", HEADER
                + "Romeo sends:\n\t<message to='a@b'/>\n\t<iq type='get' id='1' to='b'><ping xmlns='urn:xmpp:ping'/></iq>\n")
                .actions().get(0);
        List<Element> stanzas = StanzaXml.parseFragment(sends.payload());
        assertEquals(2, stanzas.size());
        assertEquals("jabber:client", stanzas.get(1).getNamespaceURI());
        assertEquals("urn:xmpp:ping", stanzas.get(1).elements().get(0).getNamespaceURI());
    }

    @Test
    public void variablesAndScansionMarkersAreAccepted() throws ScenarioFormatException {
        Action receives = ScenarioParser.parse("t.scs", HEADER + String.join("\n",
                "Romeo receives:",
                "\t<message to=\"${Romeo's full JID}\" scansion:strict='true'>",
                "\t\t<item jid=\"${Juliet's JID}\" since='{scansion:any}' until='{scansion:capture:V1}'/>",
                "\t</message>", "")).actions().get(0);
        assertTrue(receives.payload().contains("${Juliet's JID}"));
    }

    // ---- errors, each with its line

    @Test
    public void unknownCharacterClass() {
        assertError("[Room] Hall\n\tjid: room@x\n-----\n", 1, "unsupported character class [Room]");
    }

    @Test
    public void duplicateCharacter() {
        assertError("[Client] A\n\tjid: a@x\n[Client] A\n\tjid: b@x\n-----\n", 3, "duplicate character 'A'");
    }

    @Test
    public void unparsableHeaderLine() {
        assertError("# t\n[Client] A\n\tjid: a@x\nsomething else\n-----\n", 4, "cannot parse header line");
    }

    @Test
    public void propertyOutsideACharacter() {
        assertError("# t\n\n\tjid: a@x\n-----\n", 3, "cannot parse header line");
    }

    @Test
    public void missingSeparator() {
        assertError("# t\n[Client] A\n\tjid: a@x\n\n", 0, "no '-----' line");
    }

    @Test
    public void characterWithoutJid() {
        assertError("[Client] A\n\tpassword: p\n-----\nA connects\n", 0, "client 'A' has no jid");
    }

    @Test
    public void unknownCharacterInAnAction() {
        assertError(HEADER + "Romeo connects\nMercutio connects\n", 21, "unknown character 'Mercutio'");
    }

    @Test
    public void unknownVerb() {
        assertError(HEADER + "Romeo dances\n", 20, "cannot parse action line");
    }

    @Test
    public void indentedLineOutsideABlock() {
        assertError(HEADER + "Romeo connects\n\t<message/>\n", 21, "indented line outside of a sends:/receives: block");
    }

    @Test
    public void textAfterConnects() {
        assertError(HEADER + "Romeo connects: now\n", 20, "unexpected text after 'connects'");
    }

    @Test
    public void sendsWithoutAStanza() {
        assertError(HEADER + "Romeo sends:\nRomeo connects\n", 20, "'sends:' without a stanza");
    }

    @Test
    public void sendsNothingIsNotAStanza() {
        assertError(HEADER + "Romeo sends: nothing\n", 20, "bad XML");
    }

    @Test
    public void unknownVariable() {
        assertError(HEADER + "Romeo sends:\n\t<message to=\"${Mercutio's JID}\"/>\n", 20, "unknown variable ${Mercutio's JID}");
        assertError(HEADER + "Romeo sends:\n\t<message to=\"${Romeo's address}\"/>\n", 20, "unknown variable");
    }

    @Test
    public void badXmlNamesTheLineOfTheProblem() {
        assertError(HEADER + "Romeo connects\n\nRomeo sends:\n\t<message>\n\t\t<body>x</bodyy>\n\t</message>\n",
                24, "bad XML in 'sends:' block of line 22");
    }

    @Test
    public void textOutsideAnyElement() {
        assertError(HEADER + "Romeo receives:\n\t<message/> stray words\n", 20, "text outside of any element");
    }

    // ---- the project's scenario files

    @Test
    public void parsesEveryScenarioOfTheProject() throws IOException, ScenarioFormatException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src", "test", "scenarios"))) {
            files = walk.filter(p -> p.toString().endsWith(".scs")).sorted().collect(Collectors.toList());
        }
        assertTrue("the scenario folder has its files (found " + files.size() + ")", files.size() >= 20);
        for (Path file : files) {
            Scenario scenario = ScenarioParser.parse(file);
            assertFalse(file + " has a title", scenario.title().isEmpty());
            assertFalse(file + " has characters", scenario.clients().isEmpty());
            assertFalse(file + " has actions", scenario.actions().isEmpty());
            assertEquals(file + " starts with a connect", Verb.CONNECTS, scenario.actions().get(0).verb());
            for (Action action : scenario.actions()) {
                if (action.verb() == Verb.SENDS || (action.verb() == Verb.RECEIVES && !action.nothing())) {
                    assertFalse(file + ":" + action.line(), action.payload().isEmpty());
                }
            }
        }
    }

    @Test
    public void scenarioOneHasTheActionsOfTheFile() throws IOException, ScenarioFormatException {
        Scenario scenario = ScenarioParser.parse(Path.of("src", "test", "scenarios", "01_ban_unban_noop.scs"));
        Map<String, Scenario.Client> clients = scenario.clients();
        assertEquals(List.of("Romeo", "Juliet"), List.copyOf(clients.keySet()));
        assertEquals(59, scenario.actions().size()); // as run_scs.py counts its steps
        Action first = scenario.actions().get(0);
        assertEquals(18, first.line());
        assertEquals(Verb.CONNECTS, first.verb());
        long nothing = scenario.actions().stream().filter(Action::nothing).count();
        assertEquals(6, nothing);
    }

    private static void assertError(String text, int line, String fragment) {
        try {
            ScenarioParser.parse("bad.scs", text);
            fail("accepted: " + text);
        } catch (ScenarioFormatException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(fragment));
            assertEquals(e.getMessage(), line, e.line());
            assertTrue(e.getMessage(), e.getMessage().startsWith("bad.scs" + (line > 0 ? ":" + line + ":" : ":")));
        }
    }
}
