package net.mucaffiliationnotify.live.scansion;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.dom4j.Element;
import org.junit.Test;

/** scansion's matching rules, as {@link StanzaMatcher} applies them (cases of run_scs.py's self-test and more). */
public class StanzaMatcherTest {

    private final StanzaMatcher scansion = new StanzaMatcher(false);
    private final StanzaMatcher lenient = new StanzaMatcher(true);

    // ---- names, attributes, values

    @Test
    public void sameStanzaMatches() {
        assertMatches(scansion, "<iq type='result' id='1'/>", "<iq type='result' id='1'/>");
    }

    @Test
    public void attributeOrderDoesNotMatter() {
        assertMatches(scansion, "<iq type='result' id='1' from='a@b'/>", "<iq from='a@b' id='1' type='result'/>");
    }

    @Test
    public void extraAttributeOnJabberClientElementIsFine() {
        assertMatches(scansion, "<iq type='result' id='1'/>", "<iq type='result' id='1' from='x'/>");
    }

    @Test
    public void attributeValueMustBeEqual() {
        String reason = assertMismatch(scansion, "<iq type='result' id='1'/>", "<iq type='error' id='1'/>");
        assertEquals("/iq: attribute type='error', expected 'result'", reason);
    }

    @Test
    public void missingAttributeFails() {
        String reason = assertMismatch(scansion, "<iq type='result' id='1'/>", "<iq id='1'/>");
        assertEquals("/iq: attribute type='result' missing in received stanza", reason);
    }

    @Test
    public void elementNameMustBeEqual() {
        assertEquals("expected <iq> but received <message>", assertMismatch(scansion, "<iq/>", "<message/>"));
    }

    @Test
    public void namespaceMustBeEqual() {
        String reason = assertMismatch(scansion, "<iq><query xmlns='a'/></iq>", "<iq><query xmlns='b'/></iq>");
        assertTrue(reason, reason.contains("no <query{a}> child"));
    }

    @Test
    public void namespacedAttributesAreComparedByNamespace() {
        assertMatches(scansion, "<message xml:lang='en'/>", "<message xml:lang='en' id='1'/>");
        assertMismatch(scansion, "<message xml:lang='en'/>", "<message lang='en'/>");
        assertMismatch(scansion, "<message xmlns:a='urn:a' a:k='1'/>", "<message xmlns:b='urn:b' b:k='1'/>");
    }

    @Test
    public void anyNeedsTheAttributeButAcceptsEveryValue() {
        assertMismatch(scansion, "<iq id='{scansion:any}'/>", "<iq/>");
        assertMatches(scansion, "<iq id='{scansion:any}'/>", "<iq id='zz'/>");
    }

    // ---- captures

    @Test
    public void captureRecordsTheFirstValueAndLaterUsesMustAgree() {
        Map<String, String> captures = new HashMap<>();
        assertNull(scansion.match(stanza("<iq id='{scansion:capture:x}'/>"), stanza("<iq id='42'/>"), captures));
        assertEquals("42", captures.get("x"));

        assertNull(scansion.match(stanza("<iq id='{scansion:capture:x}'/>"), stanza("<iq id='42'/>"), captures));
        String reason = scansion.match(stanza("<iq id='{scansion:capture:x}'/>"), stanza("<iq id='43'/>"), captures);
        assertNotNull(reason);
        assertTrue(reason, reason.contains("captured earlier as 'x'"));
    }

    @Test
    public void captureWithinOneStanzaMustAgree() {
        assertMatches(scansion, "<m a='{scansion:capture:v}' b='{scansion:capture:v}'/>", "<m a='1' b='1'/>");
        assertMismatch(scansion, "<m a='{scansion:capture:v}' b='{scansion:capture:v}'/>", "<m a='1' b='2'/>");
    }

    @Test
    public void failedMatchLeavesCapturesUnchanged() {
        Map<String, String> captures = new HashMap<>();
        assertNotNull(scansion.match(stanza("<iq id='{scansion:capture:x}' type='result'/>"),
                stanza("<iq id='7' type='error'/>"), captures));
        assertTrue("nothing captured from a stanza that did not match", captures.isEmpty());
    }

    @Test
    public void captureInsideChildrenIsKept() {
        Map<String, String> captures = new HashMap<>();
        assertNull(scansion.match(
                stanza("<message><x xmlns='urn:m'><mav xmlns='urn:v' until='{scansion:capture:V1}'/></x></message>"),
                stanza("<message><x xmlns='urn:m'><mav xmlns='urn:v' until='abc'/></x></message>"), captures));
        assertEquals("abc", captures.get("V1"));
    }

    // ---- non-strict (default namespace) rules

    @Test
    public void nonStrictAllowsExtraChildrenInAnyOrder() {
        assertMatches(scansion, "<message><body>hi</body></message>",
                "<message><x xmlns='y'/><thread>t</thread><body>hi</body></message>");
    }

    @Test
    public void nonStrictComparesTextWhenGiven() {
        String reason = assertMismatch(scansion, "<message><body>hi</body></message>", "<message><body>ho</body></message>");
        assertTrue(reason, reason.contains("text 'ho', expected 'hi'"));
    }

    @Test
    public void nonStrictEmptyExpectedTextIgnoresReceivedText() {
        assertMatches(scansion, "<message><body/></message>", "<message><body>ho</body></message>");
    }

    @Test
    public void nonStrictChildrenAreMatchedOneToOne() {
        assertMismatch(scansion, "<message><body>a</body><body>a</body></message>", "<message><body>a</body></message>");
    }

    @Test
    public void nonStrictAssignmentBacktracks() {
        // The first expected <status/> could take either received one; only one choice leaves a partner
        // for the second.
        assertMatches(lenient, "<p><x xmlns='m'><status/><status code='110'/></x></p>",
                "<p><x xmlns='m'><status code='110'/><status code='201'/></x></p>");
    }

    @Test
    public void whitespaceAroundTextAndIndentationAreIgnored() {
        assertMatches(scansion, "<message>\n  <body>hi</body>\n</message>", "<message><body>  hi </body></message>");
    }

    // ---- strict (own namespace, scansion:strict) rules

    @Test
    public void ownNamespaceIsStrictExtraAttributeFails() {
        String reason = assertMismatch(scansion, "<iq><query xmlns='q'/></iq>", "<iq><query xmlns='q' ver='1'/></iq>");
        assertTrue(reason, reason.contains("unexpected attribute(s) ver"));
    }

    @Test
    public void ownNamespaceIsStrictExtraChildFails() {
        String reason = assertMismatch(scansion, "<iq><query xmlns='q'/></iq>", "<iq><query xmlns='q'><item/></query></iq>");
        assertTrue(reason, reason.contains("received 1 child element(s)"));
    }

    @Test
    public void ownNamespaceIsStrictOrderMatters() {
        assertMismatch(scansion, "<p><x xmlns='m'><status code='201'/><status code='110'/></x></p>",
                "<p><x xmlns='m'><status code='110'/><status code='201'/></x></p>");
    }

    @Test
    public void ownNamespaceIsStrictTextMustBeEqual() {
        assertMismatch(scansion, "<iq><version xmlns='v'/></iq>", "<iq><version xmlns='v'>1.0</version></iq>");
    }

    @Test
    public void strictnessIsNotInherited() {
        assertMatches(scansion, "<p><x xmlns='m'><status code='201'/><item a='1'/></x></p>",
                "<p><x xmlns='m'><status code='201'/><item a='1' b='2'/></x></p>");
        assertMatches(scansion,
                "<iq><slot xmlns='u'><put url='{scansion:any}'><header name='A'/></put></slot></iq>",
                "<iq><slot xmlns='u'><put url='http://x'><header name='A'>Bearer t</header></put></slot></iq>");
    }

    @Test
    public void strictTextIsTheElementsOwnNotItsChildrens() {
        assertMatches(scansion, "<iq><q xmlns='q'><a scansion:strict='false'/></q></iq>",
                "<iq><q xmlns='q'><a>child text</a></q></iq>");
        assertMismatch(scansion, "<iq><q xmlns='q'><a scansion:strict='false'/></q></iq>",
                "<iq><q xmlns='q'>own text<a>child text</a></q></iq>");
    }

    @Test
    public void jabberClientElementInsideAForeignOneHasItsOwnNamespace() {
        assertMismatch(scansion, "<m><f xmlns='fw'><message xmlns='jabber:client' id='1'/></f></m>",
                "<m><f xmlns='fw'><message xmlns='jabber:client' id='1' to='x'/></f></m>");
    }

    @Test
    public void strictFalseRelaxesAnOwnNamespaceElement() {
        assertMatches(scansion, "<iq><query xmlns='q' scansion:strict='false'/></iq>",
                "<iq><query xmlns='q' ver='1'><item/></query></iq>");
    }

    @Test
    public void strictTrueTightensAJabberClientElement() {
        assertMismatch(scansion, "<message scansion:strict='true'><body>a</body></message>",
                "<message><body>a</body><thread>t</thread></message>");
        assertMismatch(lenient, "<message scansion:strict='true'><body>a</body></message>",
                "<message><body>a</body><thread>t</thread></message>");
    }

    @Test
    public void strictCheckDoesNotCountTheScansionAttributeItself() {
        assertMatches(scansion, "<message scansion:strict='true' id='1'/>", "<message id='1'/>");
    }

    // ---- the lenient option

    @Test
    public void lenientRelaxesOwnNamespaceElementsWithoutTheAttribute() {
        String expected = "<p><x xmlns='m'><status code='110'/></x></p>";
        String received = "<p><x xmlns='m' extra='1'><status code='201'/><status code='110'/></x></p>";
        assertMismatch(scansion, expected, received);
        assertMatches(lenient, expected, received);
    }

    @Test
    public void lenientStillHonoursScansionStrictTrue() {
        String expected = "<message><x xmlns='m' scansion:strict='true'><item a='1'/></x></message>";
        assertMismatch(lenient, expected, "<message><x xmlns='m'><item a='1'/><status code='1'/></x></message>");
        assertMatches(lenient, expected, "<message><x xmlns='m'><item a='1'/></x></message>");
    }

    @Test
    public void reasonNamesThePathOfTheMismatch() {
        String reason = assertMismatch(scansion,
                "<message><x xmlns='urn:m'><item affiliation='member'/></x></message>",
                "<message><x xmlns='urn:m'><item affiliation='none'/></x></message>");
        assertEquals("/message/x{urn:m}/item{urn:m}[1]: attribute affiliation='none', expected 'member'", reason);
    }

    // ---- helpers

    private static Element stanza(String xml) {
        try {
            return StanzaXml.parseFragment(xml).get(0);
        } catch (StanzaXml.BadXmlException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    private static void assertMatches(StanzaMatcher matcher, String expected, String received) {
        assertNull(expected + " vs " + received, matcher.match(stanza(expected), stanza(received), new HashMap<>()));
    }

    private static String assertMismatch(StanzaMatcher matcher, String expected, String received) {
        String reason = matcher.match(stanza(expected), stanza(received), new HashMap<>());
        assertNotNull("should not match: " + expected + " vs " + received, reason);
        return reason;
    }
}
