package net.mucaffiliationnotify.versioning;

import org.dom4j.Element;
import org.dom4j.QName;

/**
 * The XEP-0463 {@code <mav/>} element: reading it from a join presence's
 * {@code <x xmlns='http://jabber.org/protocol/muc'>}, removing it there, and writing it into a room stanza's
 * {@code <x xmlns='http://jabber.org/protocol/muc#user'>}.
 */
public final class Mav {
    /** The XEP-0463 (v0.2.0) namespace. */
    public static final String NAMESPACE = "urn:xmpp:muc:affiliations:1";
    /** The muc namespace of a join presence's x. */
    public static final String MUC = "http://jabber.org/protocol/muc";
    /** The muc#user namespace of the room's stanzas. */
    public static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    private static final QName MAV = QName.get("mav", NAMESPACE);
    private static final QName MAV_UNQUALIFIED = QName.get("mav", MUC);
    private static final QName MUC_X = QName.get("x", MUC);

    /**
     * What a join presence asks for.
     *
     * @param since the version the client holds, or {@code null} for a bootstrap request
     */
    public record Request(String since) {
        /** @return whether the client asked for the full list */
        public boolean bootstrap() {
            return since == null;
        }
    }

    private Mav() {
    }

    /**
     * @param presence a presence element
     * @return whether it carries a muc x: a join (or a rejoin) rather than a presence update
     */
    public static boolean isJoin(Element presence) {
        return presence.element(MUC_X) != null;
    }

    /**
     * @param presence a presence element
     * @return the request in its muc x, or {@code null} when it carries none (an empty {@code since} counts as
     *     none given: a bootstrap request)
     */
    public static Request request(Element presence) {
        final Element x = presence.element(MUC_X);
        if (x == null) {
            return null;
        }
        Element mav = x.element(MAV);
        if (mav == null) {
            // The XEP's own example misspells xmlns, which leaves the element in the muc namespace.
            mav = x.element(MAV_UNQUALIFIED);
        }
        if (mav == null) {
            return null;
        }
        final String since = mav.attributeValue("since");
        return new Request(since == null || since.isEmpty() ? null : since);
    }

    /**
     * Removes every {@code <mav/>} from the presence's muc x, so that it reaches nobody else (V3).
     *
     * @param presence a presence element
     */
    public static void strip(Element presence) {
        final Element x = presence.element(MUC_X);
        if (x != null) {
            for (Element mav : x.elements(MAV)) {
                x.remove(mav);
            }
            for (Element mav : x.elements(MAV_UNQUALIFIED)) {
                x.remove(mav);
            }
        }
    }

    /**
     * @param x a muc#user x
     * @return whether it already carries a {@code <mav/>}
     */
    public static boolean present(Element x) {
        return x.element(MAV) != null;
    }

    /**
     * Adds {@code <mav since until/>} as the first child of a muc#user x, as the XEP's examples place it.
     *
     * @param x a muc#user x
     * @param since the version before, or {@code null} (a full response, a self-presence)
     * @param until the version after
     * @return the element added
     */
    public static Element stamp(Element x, String since, String until) {
        final Element mav = x.addElement(MAV);
        if (since != null) {
            mav.addAttribute("since", since);
        }
        mav.addAttribute("until", until);
        // Move it first: clients that read the x's children in order meet the versions before the items.
        final java.util.List<Element> content = x.elements();
        content.remove(mav);
        content.add(0, mav);
        return mav;
    }
}
