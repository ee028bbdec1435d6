import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.group.GroupJID;
import org.jivesoftware.util.StringUtils;
import org.xmpp.packet.JID;

/**
 * Records what Openfire's own GroupJID says, for GroupJidsTest: the JID {@code new GroupJID(name)} gives each of
 * a list of group names, and {@code GroupJID.isGroup(new JID(text))} for those JIDs and for decoys.
 *
 * <p>Run by record.sh as a single-file program on an Openfire distribution's jars:
 * {@code java -cp "OPENFIRE_DIR/lib/*" Recorder.java OUTPUT VERSION ORIGIN}. Openfire is not started:
 * {@code new GroupJID(name)} asks {@code XMPPServer.getInstance().getServerInfo().getXMPPDomain()}, so an
 * XMPPServer subclass, allocated without running XMPPServer's constructor (which would start a server), answers
 * {@value #DOMAIN}; Openfire offers {@code XMPPServer.setInstance} for such test doubles.</p>
 *
 * <p>Output, UTF-8, one JID a line: {@code kind TAB label TAB jid TAB answer}, where kind is {@code group} (label:
 * the group name) or {@code decoy} (label: what the decoy is), label and jid are escaped ({@code \\}, {@code \t},
 * {@code \n}, {@code \r} and {@code \}{@code uXXXX} for every char outside printable ASCII), and answer is
 * {@code true} or {@code false} (GroupJID.isGroup of the JID parsed from the text) or {@code unparseable}
 * ({@code new JID(text)} refuses the text). Lines starting with # are comments.</p>
 */
public class Recorder {
    static final String DOMAIN = "example.org";

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -cp 'OPENFIRE_DIR/lib/*' Recorder.java OUTPUT VERSION ORIGIN");
            System.exit(2);
        }
        XMPPServer.setInstance(stubServer());

        final List<String> lines = new ArrayList<>();
        lines.add("# What Openfire " + args[1] + "'s org.jivesoftware.openfire.group.GroupJID says (" + args[2] + ").");
        lines.add("# Written by src/test/openfire-groupjids/record.sh; read by GroupJidsTest. Do not edit by hand.");
        lines.add("# kind<TAB>label<TAB>jid<TAB>answer: a group line's jid is new GroupJID(label).toString() with the");
        lines.add("# domain " + DOMAIN + "; answer is GroupJID.isGroup(new JID(jid)), or unparseable when new JID(jid)");
        lines.add("# refuses it. label and jid escape \\\\, \\t, \\n, \\r and every char outside printable ASCII as \\uXXXX.");

        final List<String[]> groupJids = new ArrayList<>();
        for (String name : groupNames()) {
            final String jid = new GroupJID(name).toString();
            lines.add(line("group", name, jid));
            groupJids.add(new String[] {name, jid});
            // Openfire's own two recipes for the parts, as the constructor uses them: a self-check of the stub.
            final String expected = StringUtils.encodeBase32(name) + "@" + DOMAIN + "/" + StringUtils.hash(name);
            if (!expected.equals(jid) && !name.isEmpty()) {
                throw new IllegalStateException("GroupJID(" + escape(name) + ") = " + jid + ", expected " + expected);
            }
        }

        final String capulets = StringUtils.encodeBase32("capulets");
        final String capuletsHash = StringUtils.hash("capulets");
        final String capul = StringUtils.encodeBase32("capul"); // five bytes: eight characters, no padding
        decoy(lines, "plain user, bare", "juliet@" + DOMAIN);
        decoy(lines, "plain user, full", "juliet@" + DOMAIN + "/balcony");
        decoy(lines, "plain user whose resource is 32 hex digits", "juliet@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "plain user whose node is base32hex, resource not a hash", "cafe@" + DOMAIN + "/balcony");
        decoy(lines, "domain only", DOMAIN);
        decoy(lines, "domain with a resource that is the hash", DOMAIN + "/" + capuletsHash);
        decoy(lines, "group node, no resource", capulets + "@" + DOMAIN);
        decoy(lines, "right node, wrong hash (last digit)", capulets + "@" + DOMAIN + "/" + flipLast(capuletsHash));
        decoy(lines, "right node, hash upper-cased", capulets + "@" + DOMAIN + "/" + capuletsHash.toUpperCase());
        decoy(lines, "right node, hash of the node text", capulets + "@" + DOMAIN + "/" + StringUtils.hash(capulets));
        decoy(lines, "right node, hash one digit short", capulets + "@" + DOMAIN + "/" + capuletsHash.substring(1));
        decoy(lines, "right node, hash one digit long", capulets + "@" + DOMAIN + "/" + capuletsHash + "0");
        decoy(lines, "right node, SHA-1 of the name", capulets + "@" + DOMAIN + "/" + StringUtils.hash("capulets", "SHA-1"));
        decoy(lines, "node upper-cased (JID nodeprep lower-cases it)", capulets.toUpperCase() + "@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "node without its padding", capulets.replace("=", "") + "@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "node with extra padding", capulets + "===@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "node whose unused last bit is set (same bytes when decoded leniently)",
            capulets.replace("6===", "7===") + "@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "node in another domain", capulets + "@other.example/" + capuletsHash);
        decoy(lines, "node not base32hex (w x y z)", "wxyz@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "node not base32hex, hash of the empty name", "wxyz@" + DOMAIN + "/" + StringUtils.hash(""));
        decoy(lines, "node with a base64 character (+)", "cdgn0tbc+lq76@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "node with a dash", "cdgn-0tbcclq76@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "padding in the middle, hash of what precedes it", capul + "=" + "0000@" + DOMAIN + "/" + StringUtils.hash("capul"));
        decoy(lines, "padding in the middle, hash of the whole", capul + "=" + "clq76@" + DOMAIN + "/" + capuletsHash);
        decoy(lines, "padding in the middle, more padding after", capul + "==" + capul + "=@" + DOMAIN + "/" + StringUtils.hash("capul"));
        decoy(lines, "padding first, hash of the empty name", "=cdgn@" + DOMAIN + "/" + StringUtils.hash(""));
        decoy(lines, "node only padding, hash of the empty name", "====@" + DOMAIN + "/" + StringUtils.hash(""));
        decoy(lines, "node one character (five bits), hash of the empty name", "0@" + DOMAIN + "/" + StringUtils.hash(""));
        decoy(lines, "node three characters, hash of its one byte", "c4@" + DOMAIN + "/" + StringUtils.hash("a"));
        decoy(lines, "node of bytes that are not UTF-8, hash of their decoding (U+FFFD)",
            StringUtils.encodeBase32(new byte[] {(byte) 0xff, (byte) 0xfe}) + "@" + DOMAIN + "/" + StringUtils.hash("\ufffd\ufffd"));
        decoy(lines, "node of bytes that are not UTF-8, hash of the raw bytes",
            StringUtils.encodeBase32(new byte[] {(byte) 0xff, (byte) 0xfe}) + "@" + DOMAIN + "/"
                + StringUtils.hash(new byte[] {(byte) 0xff, (byte) 0xfe}, "MD5"));
        final String withI = nameWhoseNodeHas('i');
        decoy(lines, "node with a dotless i (U+0131, upper-cases to I)",
            StringUtils.encodeBase32(withI).replace('i', '\u0131') + "@" + DOMAIN + "/" + StringUtils.hash(withI));
        decoy(lines, "node with a fullwidth digit (nodeprep NFKC folds it)", capulets.replace('0', '\uff10') + "@" + DOMAIN + "/" + capuletsHash);
        final String withK = nameWhoseNodeHas('k');
        decoy(lines, "node with a Kelvin sign (U+212A, nodeprep folds it to k)",
            StringUtils.encodeBase32(withK).replace('k', '\u212a') + "@" + DOMAIN + "/" + StringUtils.hash(withK));
        final String withS = nameWhoseNodeHas('s');
        decoy(lines, "node with a long s (U+017F, nodeprep folds it to s)",
            StringUtils.encodeBase32(withS).replace('s', '\u017f') + "@" + DOMAIN + "/" + StringUtils.hash(withS));
        // Nodes no GroupJID has, with the resource GroupJID.isGroup accepts for them: the MD5 of what Openfire's
        // lenient base32hex decoding makes of the node (every length, padding anywhere, bits to spare).
        for (String node : decodingNodes()) {
            final String decoded = new String(StringUtils.decodeBase32(node), StandardCharsets.UTF_8);
            decoy(lines, "node " + node + ", resource the hash of Openfire's decoding of it",
                node + "@" + DOMAIN + "/" + StringUtils.hash(decoded));
        }
        // Seeded random nodes (digits of both cases, padding, letters beyond v), with the resource Openfire accepts
        // for them or, one in four, the hash of the node text: the same lines every time the recorder runs.
        final java.util.Random random = new java.util.Random(20261205);
        final String alphabet = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUV===wxyz";
        for (int i = 0; i < 100; i++) {
            final StringBuilder node = new StringBuilder();
            for (int length = 1 + random.nextInt(24); node.length() < length; ) {
                node.append(alphabet.charAt(random.nextInt(random.nextInt(10) == 0 ? alphabet.length() : 32)));
            }
            final byte[] decoded = StringUtils.isBase32(node.toString()) ? StringUtils.decodeBase32(node.toString()) : new byte[0];
            final String resource = random.nextInt(4) == 0 ? StringUtils.hash(node.toString())
                : StringUtils.hash(new String(decoded, StandardCharsets.UTF_8));
            decoy(lines, "random node " + node, node + "@" + DOMAIN + "/" + resource);
        }
        decoy(lines, "the Openfire 5.1.1 group capulets with localhost", "cdgn0tbcclq76===@localhost/95b2a835dd8afa78fce2043d8dad72b3");
        for (String[] group : groupJids) {
            final String jid = group[1];
            final int slash = jid.indexOf('/');
            if (group[0].equals("montagues") && slash > 0) {
                decoy(lines, "montagues' node, capulets' hash", jid.substring(0, slash) + "/" + capuletsHash);
                decoy(lines, "montagues' hash, capulets' node", capulets + "@" + DOMAIN + jid.substring(slash));
            }
        }

        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
            for (String line : lines) {
                out.print(line);
                out.print('\n');
            }
        }
        System.err.println("wrote " + (lines.size() - 5) + " JIDs to " + args[0]);
    }

    /** The names of the groups recorded: ASCII, punctuation, JID delimiters, Unicode, all padding lengths, extremes. */
    static List<String> groupNames() {
        final List<String> names = new ArrayList<>(List.of(
            "capulets", "Capulets", "CAPULETS", "montagues", "Montagues",
            "group", "Group", "gRoUp",
            "a", "ab", "abc", "abcd", "abcde", "abcdef", "x", "0", "=", "==",
            "team 1", " leading space", "trailing space ", "two  spaces", "tab\there", "new\nline", "carriage\rreturn",
            "@", "user@example.org", "a/b", "path/to/group", "room@conference.example.org/nick", "@/",
            "50% off", "C++ & C#", "quote\"s", "apostrophe's", "<xml attr='v'>", "back\\slash", ":colon:",
            "semi;colon", "#hash", "?query=1", "=equals=", "under_score", "dash-", "dot.dot", "1234567890",
            "\u00c4rzte", "fa\u00e7ade", "na\u00efve", "\u0130stanbul", "\u0131i", "stra\u00dfe", "STRASSE",
            "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac", "\u0420\u0443\u0441\u0441\u043a\u0438\u0439",
            "\u65e5\u672c\u8a9e", "\u4e2d\u6587\u7ec4", "\ud55c\uad6d\uc5b4", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
            "\u05e2\u05d1\u05e8\u05d9\u05ea",
            "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66 family",
            "\ud83c\udf89 party \ud83c\udf89", "\ud834\udd1e clef",
            "e\u0301", "\u00e9", "\ufeffbom", "nul\u0000char", "lone \ud800 surrogate", "\u00a0nbsp"));
        names.add("x".repeat(600)); // 960 base32 characters: a node of up to 1023 bytes still parses
        names.add("\u65e5".repeat(200)); // 600 bytes of UTF-8
        names.add("y".repeat(700)); // 1120 base32 characters: more than a JID node may have
        names.add(""); // no node at all
        return names;
    }

    /** Nodes of every length from 1 to 17 characters, padding in odd places, the highest digit everywhere. */
    static List<String> decodingNodes() {
        final List<String> nodes = new ArrayList<>();
        final String digits = "cdgn0tbcclq76ab5v";
        for (int length = 1; length <= digits.length(); length++) {
            nodes.add(digits.substring(0, length));
        }
        nodes.addAll(List.of("v", "vv", "vvvvvvvvv", "vvvvvvvvvv", "00000000v", "=", "==c4", "c=d", "cd=gn", "c4=c4",
            "cdgn0tbcc=", "cdgn0tbc=c", "c4======c4", "0000000000000000"));
        return nodes;
    }

    /** The first of a, b, …, zz whose base32hex node has the character. */
    private static String nameWhoseNodeHas(char c) {
        for (char first = 'a'; first <= 'z'; first++) {
            for (char second = 'a'; second <= 'z'; second++) {
                final String name = "" + first + second;
                if (StringUtils.encodeBase32(name).indexOf(c) >= 0) {
                    return name;
                }
            }
        }
        throw new IllegalStateException("no two-letter name has " + c + " in its node");
    }

    private static void decoy(List<String> lines, String description, String jid) {
        lines.add(line("decoy", description, jid));
    }

    private static String line(String kind, String label, String jid) {
        return kind + "\t" + escape(label) + "\t" + escape(jid) + "\t" + answer(jid);
    }

    private static String answer(String text) {
        final JID jid;
        try {
            jid = new JID(text);
        } catch (IllegalArgumentException e) {
            return "unparseable";
        }
        return Boolean.toString(GroupJID.isGroup(jid));
    }

    static String escape(String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                default:
                    if (c >= 0x20 && c < 0x7f) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
            }
        }
        return out.toString();
    }

    private static String flipLast(String hex) {
        final char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** An XMPPServer whose getServerInfo() answers the domain, made without running XMPPServer's constructor. */
    private static XMPPServer stubServer() throws ReflectiveOperationException {
        final Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        final Object unsafe = theUnsafe.get(null);
        return (XMPPServer) unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, StubServer.class);
    }

    static class StubServer extends XMPPServer {
        @Override
        public XMPPServerInfo getServerInfo() {
            return (XMPPServerInfo) Proxy.newProxyInstance(Recorder.class.getClassLoader(), new Class<?>[] {XMPPServerInfo.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getXMPPDomain": return DOMAIN;
                        case "toString": return "stub XMPPServerInfo for " + DOMAIN;
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default: throw new UnsupportedOperationException(method.getName() + " (the recorder knows only the domain)");
                    }
                });
        }
    }
}
