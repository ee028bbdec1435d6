package net.mucaffiliationnotify.live.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/**
 * How {@link HtmlForm} reads the admin console's forms (what a browser would send) and how {@link HtmlText} reads
 * its messages, on markup as Openfire writes it.
 */
public class AdminConsoleHtmlTest {
    private static final URI PAGE = URI.create("http://127.0.0.8:9090/muc-room-edit-form.jsp?create=true");

    /** Shaped like Openfire's room creation form (a GET form; a JSP expression glued to an attribute). */
    private static final String ROOM_FORM = "<html><head><title>Create Room</title>"
        + "<script>var s = '<form action=\"evil\"><input name=\"x\"></form>';</script></head><body>\n"
        + "<!-- <form action=\"commented\"></form> -->\n"
        + "<form action=\"muc-room-edit-form.jsp\" autocomplete=\"off\">\n"
        + "<input type=\"hidden\" name=\"csrf\" value=\"tok&amp;en\">\n"
        + "<input type=\"hidden\" name=\"save\" value=\"true\">\n"
        + "<input type=\"text\" name=\"roomName\" id=\"roomName\" value=\"\">\n"
        + "<input type=\"hidden\" name=\"mucName\" value=\"conference.localhost\"/>\n"
        + "<input name=\"roomconfig_roomdesc\" id=\"roomconfig_roomdesc\" value=\"\" type=\"text\" size=\"40\">\n"
        + "<input name=\"roomconfig_presencebroadcast\" type=\"checkbox\" value=\"true\" id=\"moderator\" checked>\n"
        + "<input type=\"checkbox\" name=\"roomconfig_reservednick\" value=\"true\" id=\"reservednick\">\n"
        + "<input type=\"checkbox\" name=\"roomconfig_canchangenick\" value=\"true\" id=\"canchangenick\"checked>\n"
        + "<input type=\"checkbox\" name=\"plain\" checked>\n"
        + "<input type=\"text\" name=\"off\" value=\"x\" disabled>\n"
        + "<select name=\"roomconfig_whois\" id=\"roomconfig_whois\">\n"
        + "  <option value=\"moderator\">Moderator</option>\n  <option value=\"anyone\" selected>Anyone</option>\n</select>\n"
        + "<select name=\"roomconfig_allowpm\"><option value=\"anyone\">Anyone<option value=\"none\">None</select>\n"
        + "<select name=\"groupNames\" size=\"6\" multiple><option value=\"a\">a</option><option value=\"b\">b</option></select>\n"
        + "<textarea name=\"description\" rows=\"3\">\nline &lt;one&gt;</textarea>\n"
        + "<input type=\"radio\" name=\"mode\" value=\"on\"><input type=\"radio\" name=\"mode\" value=\"off\" checked>\n"
        + "<input type=\"submit\" name=\"Submit\" value=\"Save Changes\">\n"
        + "<input type=\"submit\" name=\"cancel\" value=\"Cancel\">\n"
        + "<button type=\"submit\" name=\"bulk\" value=\"inherit\">Inherit</button>\n"
        + "</form>\n<form method=\"POST\" id=\"second\" action=\"/other.jsp?a=1&amp;b=2\"></form></body></html>";

    @Test
    public void aFormSendsWhatABrowserWouldSend() {
        final List<HtmlForm> forms = HtmlForm.all(ROOM_FORM, PAGE);
        assertEquals("forms in scripts and comments are not forms", 2, forms.size());
        final HtmlForm form = forms.get(0);
        assertEquals("GET", form.method());
        final Map<String, List<String>> values = form.values();
        assertEquals(List.of("tok&en"), values.get("csrf"));
        assertEquals(List.of(""), values.get("roomName"));
        assertEquals(List.of("conference.localhost"), values.get("mucName"));
        assertEquals(List.of("true"), values.get("roomconfig_presencebroadcast"));
        assertFalse("unchecked boxes are not sent", values.containsKey("roomconfig_reservednick"));
        assertEquals("checked glued to the previous attribute", List.of("true"), values.get("roomconfig_canchangenick"));
        assertEquals("a checked box without value sends on", List.of("on"), values.get("plain"));
        assertFalse("disabled fields are not sent", values.containsKey("off"));
        assertEquals(List.of("anyone"), values.get("roomconfig_whois"));
        assertEquals("no option selected: the first", List.of("anyone"), values.get("roomconfig_allowpm"));
        assertFalse("a multiple select without selection sends nothing", values.containsKey("groupNames"));
        assertEquals("the text area's first newline is not content", List.of("line <one>"), values.get("description"));
        assertEquals(List.of("off"), values.get("mode"));
        assertFalse("buttons are sent only when pressed", values.containsKey("Submit") || values.containsKey("bulk"));

        final HtmlForm second = forms.get(1);
        assertEquals("POST", second.method());
        assertEquals(URI.create("http://127.0.0.8:9090/other.jsp?a=1&b=2"), second.action());
    }

    @Test
    public void fillingInAndPressingAButton() {
        final HtmlForm form = HtmlForm.find(ROOM_FORM, PAGE, HtmlForm.withControl("roomName")).get();
        form.set("roomName", "lobby").set("roomconfig_whois", "moderator").set("mode", "on")
            .set("roomconfig_roomdesc", "a & b").press("Submit");
        assertEquals("lobby", form.value("roomName"));
        assertEquals("Save Changes", form.value("Submit"));
        assertNull("the other button is not pressed", form.value("cancel"));
        final URI get = form.getUri();
        assertEquals("/muc-room-edit-form.jsp", get.getPath());
        assertTrue(get.toString(), get.getRawQuery().startsWith("csrf=tok%26en&save=true&roomName=lobby&"));
        assertTrue(get.toString(), get.getRawQuery().contains("&roomconfig_roomdesc=a+%26+b&"));
        assertTrue("the action's own query is replaced", !get.getRawQuery().contains("create=true"));
        assertTrue(get.getRawQuery().endsWith("&mode=on&Submit=Save+Changes"));

        for (Runnable wrong : List.<Runnable>of(
            () -> form.set("nosuchfield", "x"),
            () -> form.set("mode", "sideways"),
            () -> form.set("roomconfig_whois", "everybody"),
            () -> form.press("nosuchbutton"),
            () -> form.press("roomName"))) {
            try {
                wrong.run();
                fail("must be refused");
            } catch (IllegalStateException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("the form"));
            }
        }
        assertEquals("a button element is pressed with its value", "inherit",
            HtmlForm.find(ROOM_FORM, PAGE, HtmlForm.withControl("bulk")).get().press("bulk").value("bulk"));
    }

    @Test
    public void formsWithoutActionGoToThePageItself() {
        final URI page = URI.create("http://127.0.0.8:9090/group-edit.jsp?group=capulets&success=true");
        final HtmlForm form = HtmlForm.all("<form name=\"groupmembers\" method=\"post\"><input type=\"hidden\" "
            + "name=\"addMember\" value=\"addMember\"/><input type=\"text\" size=\"45\" name=\"username\" "
            + "autocomplete=\"off\"/></form>", page).get(0);
        assertEquals(page, form.action());
        form.set("username", "user2");
        assertEquals("addMember=addMember&username=user2", form.urlEncoded());
        final HtmlForm relative = HtmlForm.all("<form action='mucaffiliationnotify-room?roomJID=lobby%40conference.localhost' "
            + "method=post></form>", URI.create("http://h:9090/plugins/mucaffiliationnotify/mucaffiliationnotify-room?roomJID=x"))
            .get(0);
        assertEquals(URI.create("http://h:9090/plugins/mucaffiliationnotify/mucaffiliationnotify-room?roomJID=lobby%40conference.localhost"),
            relative.action());
    }

    @Test
    public void messagesOfThePagesBoxes() {
        final String page = "<html><head><title>Openfire Admin Console: Users &amp; Groups</title></head><body>"
            + "<noscript><td class=\"jive-error-text\"><p>Enable scripts</p></td></noscript>"
            + "<div class=\"jive-error\">\n<table><tbody><tr><td class=\"jive-icon\"><img src=\"/images/error-16x16.gif\" alt=\"\"/>"
            + "</td><td class=\"jive-icon-label\">\n  CSRF Error: No changes made, you&#39;ll need to retry.\n</td></tr></tbody></table></div>"
            + "<div class='error'>Flash &quot;one&quot;</div>"
            + "<div class=\"error\">The property x was &lt;not&gt; set</div>"
            + "<span class=\"jive-error-text\">Invalid group name.</span>"
            + "<td class=\" jive-error-text\" ><i class=\"fa fa-close\"></i></td>"
            + "<div class=\"jive-success\"><table><tr><td>Settings saved.</td></tr></table></div>"
            + "<div class=\"success\">The property y was updated</div>"
            + "<div class=\"jive-error-box\">not a message box</div>"
            + "</body></html>";
        assertEquals(List.of("CSRF Error: No changes made, you'll need to retry.", "Flash \"one\"",
            "The property x was <not> set", "Invalid group name."), HtmlText.errors(page));
        assertEquals(List.of("Settings saved.", "The property y was updated"), HtmlText.successes(page));
        assertEquals("Openfire Admin Console: Users & Groups", HtmlText.title(page));
        assertEquals(List.of(), HtmlText.errors("<div class=\"jive-success\">fine</div>"));
        assertEquals("x \u00e9 \u20ac &bogus; &#xZZ;", HtmlText.unescape("x &#233; &#x20AC; &bogus; &#xZZ;"));
    }

    /**
     * The group JIDs the console looks for on a room's permissions page are Openfire's: base32hex of the name,
     * lower case, then the MD5 of the name as resource (as recorded from Openfire 5.1.1 in scenario 16, and as the
     * plugin's GroupJids recognises them).
     */
    @Test
    public void groupJidsAreOpenfires() {
        assertEquals("cdgn0tbcclq76===@", AdminConsole.groupJidPrefix("capulets"));
        assertEquals("/95b2a835dd8afa78fce2043d8dad72b3", AdminConsole.groupJidSuffix("capulets"));
        for (String name : List.of("capulets", "a", "ab", "abc", "abcd", "abcde", "Montague & Sons", "\u00e9t\u00e9 \u20ac")) {
            final String jid = AdminConsole.groupJidPrefix(name) + "localhost" + AdminConsole.groupJidSuffix(name);
            assertTrue(jid, net.mucaffiliationnotify.requests.GroupJids.isGroup(new org.xmpp.packet.JID(jid)));
        }
    }
}
