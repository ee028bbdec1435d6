package net.mucaffiliationnotify.rules;

/**
 * A room affiliation as XEP-0045 names it. Kept free of Openfire types so that the rules can be tested
 * without a server.
 */
public enum MucAffiliation {
    owner, admin, member, outcast, none;

    /**
     * Parses the value of an {@code affiliation} attribute.
     *
     * @param value the attribute value, possibly {@code null}
     * @return the affiliation, or {@code null} when the value names none (XEP-0045 values are case-sensitive)
     */
    public static MucAffiliation fromAttribute(String value) {
        if (value == null) {
            return null;
        }
        switch (value) {
            case "owner": return owner;
            case "admin": return admin;
            case "member": return member;
            case "outcast": return outcast;
            case "none": return none;
            default: return null;
        }
    }
}
