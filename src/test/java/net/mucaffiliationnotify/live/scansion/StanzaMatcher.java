package net.mucaffiliationnotify.live.scansion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.dom4j.Attribute;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * Decides whether a received stanza is the one a script expects, with scansion's rules:
 * <ul>
 * <li>Names and namespaces must be equal. Every expected attribute must be present with the same value;
 * {@code {scansion:any}} accepts any value, {@code {scansion:capture:NAME}} accepts any value the first
 * time and records it, later uses must see the same value.</li>
 * <li>An element in the namespace of its parent (a stanza's parent is the stream, {@code jabber:client})
 * matches non-strictly: extra attributes and children are allowed, children in any order (each expected
 * child matches a different received one), text compared only when the script gives some.</li>
 * <li>An element with its own namespace matches strictly: no extra attributes, the same children in the
 * same order, equal text. Strictness is not inherited by the children.</li>
 * <li>{@code scansion:strict='true'|'false'} on an element decides for that element. With the
 * lenient option every element without that attribute matches non-strictly (Openfire adds status codes
 * and elements of its own).</li>
 * </ul>
 * Whitespace around text is ignored. Instances are immutable and thread-safe.
 */
public final class StanzaMatcher {

    static final String ANY_VALUE = "{scansion:any}";
    static final Pattern CAPTURE = Pattern.compile("^\\{scansion:capture:([^}]+)\\}$");
    private static final String STRICT_WHY = "; element has its own namespace or scansion:strict='true', "
            + "use scansion:strict='false' to relax";

    private final boolean lenient;

    /** @param lenient match every element without a {@code scansion:strict} attribute non-strictly */
    public StanzaMatcher(boolean lenient) {
        this.lenient = lenient;
    }

    /**
     * Compares a received stanza with the expected one.
     *
     * @param captures values captured so far, by name; on a match the new captures are added,
     *                 on a mismatch it is left unchanged
     * @return null when {@code received} matches, else why not (path of the element, what differs)
     */
    public String match(Element expected, Element received, Map<String, String> captures) {
        Map<String, String> trial = new HashMap<>(captures);
        String reason = matchElement(expected, received, trial, "", StanzaXml.NS_CLIENT, 0);
        if (reason == null) {
            captures.putAll(trial);
        }
        return reason;
    }

    boolean isStrict(Element expected, String parentNamespace) {
        String flag = expected.attributeValue(QName.get("strict", "scansion", StanzaXml.NS_SCANSION));
        if (flag != null) {
            String value = flag.strip().toLowerCase(java.util.Locale.ROOT);
            return value.equals("true") || value.equals("1") || value.equals("yes");
        }
        if (lenient) {
            return false;
        }
        return !expected.getNamespaceURI().equals(parentNamespace);
    }

    /**
     * Matches one element. On success the captures it made are in {@code captures}; on failure
     * {@code captures} may hold partial results, so callers pass a copy.
     */
    private String matchElement(Element expected, Element received, Map<String, String> captures,
                                String path, String parentNamespace, int index) {
        String here = path + "/" + tag(expected) + (index > 0 ? "[" + index + "]" : "");
        if (!sameName(expected, received)) {
            return (path.isEmpty() ? "" : path + ": ") + "expected <" + tag(expected) + "> but received <" + tag(received) + ">";
        }
        boolean strict = isStrict(expected, parentNamespace);

        for (Attribute want : expected.attributes()) {
            if (StanzaXml.NS_SCANSION.equals(want.getNamespaceURI())) {
                continue;
            }
            String shown = StanzaXml.attributeName(want, new HashMap<>());
            Attribute have = received.attribute(want.getQName());
            if (have == null) {
                return here + ": attribute " + shown + "=" + quote(want.getValue()) + " missing in received stanza";
            }
            String wanted = want.getValue();
            if (wanted.equals(ANY_VALUE)) {
                continue;
            }
            Matcher capture = CAPTURE.matcher(wanted);
            if (capture.matches()) {
                String key = capture.group(1);
                String previous = captures.get(key);
                if (previous == null) {
                    captures.put(key, have.getValue());
                } else if (!previous.equals(have.getValue())) {
                    return here + ": attribute " + shown + "=" + quote(have.getValue())
                            + " differs from value captured earlier as '" + key + "' (" + quote(previous) + ")";
                }
                continue;
            }
            if (!have.getValue().equals(wanted)) {
                return here + ": attribute " + shown + "=" + quote(have.getValue()) + ", expected " + quote(wanted);
            }
        }
        if (strict) {
            List<String> extra = new ArrayList<>();
            for (Attribute have : received.attributes()) {
                if (expected.attribute(have.getQName()) == null) {
                    extra.add(StanzaXml.attributeName(have, new HashMap<>()));
                }
            }
            if (!extra.isEmpty()) {
                return here + ": unexpected attribute(s) " + String.join(", ", extra)
                        + " in received stanza (strict match" + STRICT_WHY + ")";
            }
        }

        String wantText = StanzaXml.directText(expected).strip();
        String haveText = StanzaXml.directText(received).strip();
        if ((strict || !wantText.isEmpty()) && !wantText.equals(haveText)) {
            return here + ": text " + quote(haveText) + ", expected " + quote(wantText)
                    + (strict && wantText.isEmpty() ? " (strict match" + STRICT_WHY + ")" : "");
        }

        List<Element> wantChildren = expected.elements();
        List<Element> haveChildren = received.elements();
        String ns = expected.getNamespaceURI();
        if (strict) {
            if (wantChildren.size() != haveChildren.size()) {
                return here + ": received " + haveChildren.size() + " child element(s) [" + tags(haveChildren)
                        + "], expected " + wantChildren.size() + " [" + tags(wantChildren)
                        + "] (strict match: same children, same order" + STRICT_WHY + ")";
            }
            for (int i = 0; i < wantChildren.size(); i++) {
                String reason = matchElement(wantChildren.get(i), haveChildren.get(i), captures, here, ns, i + 1);
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }
        Assignment assignment = assignChildren(wantChildren, haveChildren, 0, Set.of(), captures, here, ns);
        if (assignment.captures() == null) {
            return assignment.reason();
        }
        captures.putAll(assignment.captures());
        return null;
    }

    /** Either the captures of a complete assignment of children, or why there is none. */
    private record Assignment(Map<String, String> captures, String reason) {
    }

    /**
     * Non-strict children: finds distinct received children for the expected ones from {@code i} on,
     * backtracking when an early choice leaves a later expected child without a partner (two expected
     * {@code <status/>} against three received).
     */
    private Assignment assignChildren(List<Element> wanted, List<Element> received, int i, Set<Integer> used,
                                      Map<String, String> captures, String here, String parentNamespace) {
        if (i == wanted.size()) {
            return new Assignment(captures, null);
        }
        Element want = wanted.get(i);
        String firstReason = null;
        int candidates = 0;
        for (int j = 0; j < received.size(); j++) {
            Element have = received.get(j);
            if (!sameName(want, have)) {
                continue;
            }
            candidates++;
            if (used.contains(j)) {
                continue;
            }
            Map<String, String> trial = new HashMap<>(captures);
            String reason = matchElement(want, have, trial, here, parentNamespace, 0);
            if (reason == null) {
                Set<Integer> nowUsed = new HashSet<>(used);
                nowUsed.add(j);
                Assignment rest = assignChildren(wanted, received, i + 1, nowUsed, trial, here, parentNamespace);
                if (rest.captures() != null) {
                    return rest;
                }
                reason = rest.reason();
            }
            if (firstReason == null) {
                firstReason = reason;
            }
        }
        String expectedXml = StanzaXml.compact(want);
        if (candidates == 0) {
            return new Assignment(null, here + ": no <" + tag(want) + "> child in received stanza (expected "
                    + expectedXml + ")");
        }
        if (candidates == 1 && firstReason != null) {
            return new Assignment(null, firstReason);
        }
        return new Assignment(null, here + ": none of the " + candidates + " received <" + tag(want)
                + "> children matches expected " + expectedXml
                + (firstReason != null ? " (first mismatch: " + firstReason + ")" : ""));
    }

    private static boolean sameName(Element a, Element b) {
        return a.getName().equals(b.getName()) && a.getNamespaceURI().equals(b.getNamespaceURI());
    }

    /** "name" in jabber:client, "name{namespace}" otherwise. */
    static String tag(Element element) {
        String ns = element.getNamespaceURI();
        return ns.isEmpty() || ns.equals(StanzaXml.NS_CLIENT) ? element.getName() : element.getName() + "{" + ns + "}";
    }

    private static String tags(List<Element> elements) {
        return elements.stream().map(StanzaMatcher::tag).collect(Collectors.joining(", "));
    }

    private static String quote(String value) {
        return "'" + Objects.toString(value, "") + "'";
    }
}
