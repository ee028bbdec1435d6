package net.mucaffiliationnotify.requests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dom4j.DocumentHelper;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Openfire group JIDs (node = base32hex of the group name, resource = MD5 of it) are recognised and never
 * become targets: an item would carry a full JID no client can use. The sample is the JID Openfire 5.1.1
 * gave the group "capulets"; {@link #agreesWithOpenfiresGroupJid()} checks GroupJids against what Openfire's
 * own GroupJID said of many more (recorded by src/test/openfire-groupjids/record.sh).
 */
public class GroupJidsTest {
    private static final String CAPULETS = "cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b3";
    /** Recorded from Openfire 5.1.1's xmppserver jar by src/test/openfire-groupjids/record.sh. */
    private static final String OPENFIRE_5_1_1 = "openfire-5.1.1-group-jids.tsv";

    /**
     * For every group name and decoy JID recorded, GroupJids.isGroup answers as Openfire's
     * GroupJID.isGroup(new JID(text)) did; a text Openfire's JID refused is refused here too.
     */
    @Test
    public void agreesWithOpenfiresGroupJid() throws IOException {
        final List<String[]> vectors = vectors(OPENFIRE_5_1_1);
        int groups = 0;
        int yes = 0;
        int no = 0;
        final List<String> disagreements = new ArrayList<>();
        for (String[] vector : vectors) {
            final String kind = vector[0];
            final String label = vector[1];
            final String text = unescape(vector[2]);
            final String answer = vector[3];
            groups += kind.equals("group") ? 1 : 0;
            if (answer.equals("unparseable")) {
                try {
                    new JID(text);
                    disagreements.add(kind + " " + label + ": Openfire's JID refused " + vector[2] + ", ours parsed it");
                } catch (IllegalArgumentException expected) {
                    // no JID, so no group either
                }
                continue;
            }
            final boolean openfire = Boolean.parseBoolean(answer);
            yes += openfire ? 1 : 0;
            no += openfire ? 0 : 1;
            final boolean ours = GroupJids.isGroup(new JID(text));
            if (ours != openfire) {
                disagreements.add(kind + " " + label + ": " + vector[2] + " is " + (openfire ? "" : "not ")
                    + "a group to Openfire, GroupJids says " + ours);
            }
        }
        assertTrue("the recording has its ~80 group names: " + groups, groups >= 60);
        assertTrue("the recording has JIDs of both answers: " + yes + " groups, " + no + " not", yes >= 60 && no >= 15);
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + vectors.size() + " recorded JIDs disagree with Openfire 5.1.1:\n  "
                + String.join("\n  ", disagreements));
        }
    }

    @Test
    public void recognisesOpenfireGroupJids() {
        assertTrue(GroupJids.isGroup(new JID(CAPULETS)));
        assertTrue("base32hex is case-insensitive", GroupJids.isGroup(new JID("CDGN0TBCCLQ76===@localhost/95b2a835dd8afa78fce2043d8dad72b3")));
    }

    @Test
    public void usersAreNotGroups() {
        assertFalse(GroupJids.isGroup(new JID("juliet@localhost")));
        assertFalse(GroupJids.isGroup(new JID("juliet@localhost/balcony")));
        assertFalse("right node, wrong hash", GroupJids.isGroup(new JID("cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b4")));
        assertFalse("not base32hex", GroupJids.isGroup(new JID("wxyz@localhost/95b2a835dd8afa78fce2043d8dad72b3")));
        assertFalse(GroupJids.isGroup(new JID("localhost")));
    }

    @Test
    public void groupItemsAreNotTargetsButUsersBesideThemAre() throws Exception {
        final IQ iq = new IQ(DocumentHelper.parseText("<iq type='set' id='g' from='romeo@localhost/a' to='room@conference.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='member' jid='" + CAPULETS + "'/>"
            + "<item affiliation='member' jid='juliet@localhost/balcony'/></query></iq>").getRootElement());
        assertEquals(java.util.List.of(new JID("juliet@localhost")), AffiliationRequestParser.fromIq(iq).targets());

        final IQ onlyGroup = new IQ(DocumentHelper.parseText("<iq type='set' id='g' from='romeo@localhost/a' to='room@conference.localhost'>"
            + "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='member' jid='" + CAPULETS + "'/>"
            + "</query></iq>").getRootElement());
        assertNull(AffiliationRequestParser.fromIq(onlyGroup));
    }

    /** The recording's lines as kind, label, jid (escaped), answer. */
    private static List<String[]> vectors(String resource) throws IOException {
        final List<String[]> vectors = new ArrayList<>();
        try (InputStream in = GroupJidsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " beside " + GroupJidsTest.class.getName());
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                final String[] fields = line.split("\t", -1);
                if (fields.length != 4 || !fields[0].matches("group|decoy") || !fields[3].matches("true|false|unparseable")) {
                    throw new IOException(resource + ": not kind<TAB>label<TAB>jid<TAB>answer: " + line);
                }
                vectors.add(fields);
            }
        }
        return vectors;
    }

    /** Undoes the recorder's escaping: backslash, tab, line feed, carriage return and UTF-16 code units (backslash-u and four hex digits). */
    static String unescape(String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            final char next = text.charAt(++i);
            switch (next) {
                case '\\': out.append('\\'); break;
                case 't': out.append('\t'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 'u':
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default:
                    throw new IllegalArgumentException("unknown escape \\" + next + " in " + text);
            }
        }
        return out.toString();
    }

    @Test
    public void unescapesWhatTheRecorderEscapes() {
        assertEquals("a\\b\tc\nd\re\u00e9\ud83d\ude00", unescape("a\\\\b\\tc\\nd\\re\\u00e9\\ud83d\\ude00"));
    }
}
