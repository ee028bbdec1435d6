package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

import org.jivesoftware.openfire.auth.AuthToken;
import org.junit.Test;

import net.mucaffiliationnotify.settings.NotificationSettings;
import net.mucaffiliationnotify.settings.RoomCatalog;

public class AuditAndEscapingTest {
    private static final AdminAuditLog DEFAULTS = (admin, summary, details) -> { };

    private static HttpServletRequest requestWithToken(Object token) {
        final HttpServletRequest request = mock(HttpServletRequest.class);
        final HttpSession session = mock(HttpSession.class);
        when(request.getSession(false)).thenReturn(session);
        when(session.getAttribute(AdminAuditLog.AUTH_TOKEN_ATTRIBUTE)).thenReturn(token);
        return request;
    }

    @Test
    public void adminNameComesFromOpenfiresAuthToken() {
        final AuthToken token = mock(AuthToken.class);
        when(token.getUsername()).thenReturn("alice");
        assertEquals("alice", DEFAULTS.adminName(requestWithToken(token)));
    }

    @Test
    public void oneTimeTokensAreNeverLogged() {
        final AuthToken token = mock(AuthToken.OneTimeAuthToken.class);
        when(token.getUsername()).thenReturn("s3cr3t-token");
        assertEquals("(one-time access token)", DEFAULTS.adminName(requestWithToken(token)));
    }

    @Test
    public void unknownAdminWithoutToken() {
        assertEquals(AdminAuditLog.UNKNOWN_ADMIN, DEFAULTS.adminName(requestWithToken(null)));
        assertEquals(AdminAuditLog.UNKNOWN_ADMIN, DEFAULTS.adminName(requestWithToken("not a token")));
        final HttpServletRequest noSession = mock(HttpServletRequest.class);
        assertEquals(AdminAuditLog.UNKNOWN_ADMIN, DEFAULTS.adminName(noSession));
    }

    @Test
    public void pagesContextRecordsInOpenfiresAuditLogByDefault() {
        final SettingsPagesContext context = new SettingsPagesContext() {
            @Override
            public NotificationSettings settings() {
                return null;
            }

            @Override
            public RoomCatalog catalog() {
                return null;
            }
        };
        assertSame(OpenfireAdminAuditLog.INSTANCE, context.audit());
    }

    @Test
    public void escaping() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;, &#39;y&#39;)&lt;/script&gt; &amp;amp;",
            Html.escape("<script>alert(\"x\", 'y')</script> &amp;"));
        assertEquals("", Html.escape(null));
        assertEquals("caf%C3%A9%40conference.example.org", Html.url("café@conference.example.org"));
        assertEquals("a+b%26c%3Dd%3C%3E%22", Html.url("a b&c=d<>\""));
    }
}
