package net.mucaffiliationnotify.live.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-process stand-in for the few admin console pages {@link AdminConsoleTest} drives, behaving as Openfire's
 * do where it matters: login.jsp (csrf cookie compared with the form's csrf, a session cookie after login,
 * 302 on success, the page again with a {@code jive-error-text} message on failure), server-properties.jsp
 * (csrf cookie, session flash messages after a redirect), plugin-admin.jsp (the token in the upload form's
 * action, multipart upload, {@code uploadsuccess=true|false}), and the plugin's room page (the token kept in
 * the session and replaced at every request; a CSRF failure redirects to the page without its query, as
 * Openfire's PluginServlet does). Every request is recorded.
 */
final class FakeAdminConsole implements AutoCloseable {
    static final String ROOM_PAGE = "/plugins/mucaffiliationnotify/mucaffiliationnotify-room";

    /** A request as received. */
    static final class Request {
        final String method;
        final String path;
        final Map<String, List<String>> parameters;
        final Map<String, String> cookies;
        final byte[] body;
        final String contentType;

        Request(String method, String path, Map<String, List<String>> parameters, Map<String, String> cookies,
                byte[] body, String contentType) {
            this.method = method;
            this.path = path;
            this.parameters = parameters;
            this.cookies = cookies;
            this.body = body;
            this.contentType = contentType;
        }

        String parameter(String name) {
            final List<String> values = parameters.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Map<String, String> properties = new ConcurrentHashMap<>();
    final Map<String, String> roomModes = new ConcurrentHashMap<>();
    final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    /** Plugins the Plugins page lists as loaded. */
    final List<String> loaded = new CopyOnWriteArrayList<>();
    /** The csrf cookie values issued, in order. */
    final List<String> issuedCsrfCookies = new CopyOnWriteArrayList<>();
    /** When set, the Plugins page shows no message after a failed upload (only its address says so). */
    volatile boolean quietUploadFailure;
    /** When set, the room page writes a token into its form that is not the session's (a stale page). */
    volatile boolean roomPageWritesStaleToken;
    /** When set, the room page's form lacks its mode radio buttons (a changed page). */
    volatile boolean roomPageWithoutModes;

    private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();

    FakeAdminConsole() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        roomModes.put("lobby@conference.localhost", "inherit");
    }

    URI base() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
            + server.getAddress().getPort() + "/");
    }

    /** Forgets every session, as a restarted Openfire would. */
    void dropSessions() {
        sessions.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            final String method = exchange.getRequestMethod();
            final String path = exchange.getRequestURI().getPath();
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            final Map<String, List<String>> parameters = new LinkedHashMap<>();
            parse(exchange.getRequestURI().getRawQuery(), parameters);
            if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
                parse(new String(body, StandardCharsets.UTF_8), parameters);
            }
            final Map<String, String> cookies = new LinkedHashMap<>();
            final List<String> cookieHeaders = exchange.getRequestHeaders().get("Cookie");
            if (cookieHeaders != null) {
                for (String header : cookieHeaders) {
                    for (String pair : header.split(";")) {
                        final int eq = pair.indexOf('=');
                        if (eq > 0) {
                            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                        }
                    }
                }
            }
            final Request request = new Request(method, path, parameters, cookies, body, contentType);
            requests.add(request);
            final Map<String, String> session = sessions.get(String.valueOf(cookies.get("JSESSIONID")));
            if (path.equals("/login.jsp")) {
                login(exchange, request);
            } else if (session == null) {
                redirect(exchange, "login.jsp?url=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
            } else if (path.equals("/index.jsp")) {
                page(exchange, 200, "Server Information", "<p>Openfire stand-in</p>");
            } else if (path.equals("/server-properties.jsp")) {
                properties(exchange, request, session);
            } else if (path.equals("/plugin-admin.jsp")) {
                plugins(exchange, request, session);
            } else if (path.equals(ROOM_PAGE)) {
                roomPage(exchange, request, session);
            } else {
                page(exchange, 404, "Not found", "<p>no page " + path + "</p>");
            }
        } catch (RuntimeException e) {
            page(exchange, 500, "Error", "<p>" + e + "</p>");
        } finally {
            exchange.close();
        }
    }

    // ----------------------------------------------------------------------------------------------- pages

    private void login(HttpExchange exchange, Request request) throws IOException {
        final List<String> errors = new ArrayList<>();
        if ("POST".equals(request.method) && "true".equals(request.parameter("login"))) {
            final String cookie = request.cookies.get("csrf");
            if (cookie == null || !cookie.equals(request.parameter("csrf"))) {
                errors.add("CSRF Failure!");
            } else if ("admin".equals(request.parameter("username")) && "secret".equals(request.parameter("password"))) {
                final String id = UUID.randomUUID().toString();
                sessions.put(id, new ConcurrentHashMap<>());
                exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + id + "; Path=/; HttpOnly");
                setCsrfCookie(exchange);
                redirect(exchange, "index.jsp");
                return;
            } else {
                errors.add("Login failed: make sure your username and password are correct and that you're an admin.");
            }
        }
        final String token = setCsrfCookie(exchange);
        final StringBuilder html = new StringBuilder();
        html.append("<form action=\"login.jsp\" name=\"loginForm\" method=\"post\">\n")
            .append("<input type=\"hidden\" name=\"login\" value=\"true\">\n")
            .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(token).append("\">\n")
            .append("<input class=\"form-control\" type=\"text\" name=\"username\" maxlength=\"50\" id=\"u01\" value=\"\">\n")
            .append("<input class=\"form-control\" type=\"password\" name=\"password\" maxlength=\"50\" id=\"p01\">\n")
            .append("<input type=\"submit\" value=\"Login\">\n")
            // As Openfire's login page: a message for browsers without scripts, which a browser with scripts hides.
            .append("<noscript><table><tr><td class=\"jive-error-text\"><p>Turn on scripts.</p></td></tr></table></noscript>\n");
        for (String error : errors) {
            html.append("<table><tbody><tr><td class=\"jive-error-text\"><i class=\"fa fa-close\"></i></td>")
                .append("<td class=\"jive-error-text\"><p>").append(error).append("</p></td></tr></tbody></table>\n");
        }
        html.append("</form>\n");
        page(exchange, 200, "Openfire Admin Console", html.toString());
    }

    private void properties(HttpExchange exchange, Request request, Map<String, String> session) throws IOException {
        if ("POST".equals(request.method)) {
            final String cookie = request.cookies.get("csrf");
            final String key = request.parameter("key");
            if (cookie == null || !cookie.equals(request.parameter("csrf"))) {
                session.put("errorMessage", "CSRF Error: No changes made, you'll need to retry.");
            } else if (!"save".equals(request.parameter("action"))) {
                session.put("warningMessage", "Unexpected request action '" + request.parameter("action") + "'");
            } else if (key.startsWith("forbidden.")) {
                session.put("errorMessage", "The property " + key + " may not be changed &amp; was left alone");
            } else {
                final boolean existed = properties.containsKey(key);
                properties.put(key, request.parameter("value"));
                session.put("successMessage", "The property " + key + " was " + (existed ? "updated" : "created"));
            }
            redirect(exchange, "/server-properties.jsp");
            return;
        }
        final String token = setCsrfCookie(exchange);
        final StringBuilder html = new StringBuilder();
        for (String kind : new String[] {"error", "warning", "success"}) {
            final String message = session.remove(kind + "Message");
            if (message != null) {
                html.append("<div class=\"").append(kind).append("\">").append(message).append("</div>\n");
            }
        }
        html.append("<form method=\"post\" id=\"actionForm\">\n")
            .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(token).append("\">\n")
            .append("<input type=\"hidden\" name=\"action\">\n<input type=\"hidden\" name=\"key\">\n")
            .append("<input type=\"hidden\" name=\"value\">\n</form>\n");
        page(exchange, 200, "System Properties", html.toString());
    }

    private void plugins(HttpExchange exchange, Request request, Map<String, String> session) throws IOException {
        if ("POST".equals(request.method)) {
            final String cookie = request.cookies.get("csrf");
            if (cookie == null || !cookie.equals(request.parameter("csrf"))) {
                setCsrfCookie(exchange);
                redirect(exchange, "plugin-admin.jsp?csrfError=true");
                return;
            }
            if (request.parameters.containsKey("uploadplugin")) {
                final String body = new String(request.body, StandardCharsets.ISO_8859_1);
                final int name = body.indexOf("name=\"uploadfile\"; filename=\"");
                boolean ok = false;
                if (name >= 0) {
                    final int nameStart = name + "name=\"uploadfile\"; filename=\"".length();
                    final String fileName = body.substring(nameStart, body.indexOf('"', nameStart));
                    final int start = body.indexOf("\r\n\r\n", nameStart) + 4;
                    final String boundary = request.contentType.substring(request.contentType.indexOf("boundary=") + 9);
                    final int end = body.indexOf("\r\n--" + boundary, start);
                    final byte[] content = body.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
                    uploads.put(fileName, content);
                    ok = fileName.endsWith(".jar") && content.length > 4 && content[0] == 'P' && content[1] == 'K'
                        && content[2] == 3 && content[3] == 4;
                }
                setCsrfCookie(exchange);
                redirect(exchange, "plugin-admin.jsp?uploadsuccess=" + ok);
                return;
            }
        }
        final String token = setCsrfCookie(exchange);
        final StringBuilder html = new StringBuilder();
        final String query = String.valueOf(exchange.getRequestURI().getRawQuery());
        if (query.contains("uploadsuccess=false") && !quietUploadFailure) {
            html.append(box("error", "Unable to upload plugin. See server logs."));
        } else if (query.contains("csrfError=true")) {
            html.append(box("error", "CSRF Error: No changes made, you'll need to retry."));
        } else if (query.contains("uploadsuccess=true")) {
            html.append(box("success", "Plugin uploaded successfully."));
        }
        html.append("<table>\n");
        for (String plugin : loaded) {
            html.append("<tr><td><form action=\"plugin-admin.jsp\" method=\"post\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(token).append("\"/>")
                .append("<input type=\"hidden\" name=\"reloadplugin\" value=\"").append(plugin).append("\"/>")
                .append("<input type=\"image\" src=\"images/refresh-16x16.gif\" alt=\"Refresh\"/></form></td>")
                .append("<td><form action=\"plugin-admin.jsp\" method=\"post\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(token).append("\"/>")
                .append("<input type=\"hidden\" name=\"deleteplugin\" value=\"").append(plugin).append("\"/>")
                .append("</form></td></tr>\n");
        }
        html.append("</table>\n<form action=\"plugin-admin.jsp?uploadplugin&amp;csrf=").append(token)
            .append("\" enctype=\"multipart/form-data\" method=\"post\">\n<input type=\"file\" name=\"uploadfile\" />\n")
            .append("<input type=\"submit\" value=\"Upload Plugin\" />\n</form>\n");
        page(exchange, 200, "Plugins", html.toString());
    }

    private void roomPage(HttpExchange exchange, Request request, Map<String, String> session) throws IOException {
        final String room = request.parameter("roomJID");
        if ("POST".equals(request.method)) {
            // Openfire's PluginServlet: the form's csrf must be the session's, else a flash and back to the page
            // without its query.
            final String expected = session.get("csrf");
            if (expected == null || !expected.equals(request.parameter("csrf"))) {
                session.put("error", "CSRF Error: No changes made, you'll need to retry.");
                redirect(exchange, ROOM_PAGE);
                return;
            }
        }
        session.put("csrf", UUID.randomUUID().toString());
        final StringBuilder html = new StringBuilder();
        final String flash = session.remove("error");
        if (flash != null) {
            html.append(box("error", flash));
        }
        if (room == null) {
            html.append(box("error", "No room was given. Open this page from the options of a room."));
            page(exchange, 400, "Notifications", html.toString());
            return;
        }
        if (!roomModes.containsKey(room)) {
            html.append(box("error", "The room " + room + " does not exist."));
            page(exchange, 404, "Notifications", html.toString());
            return;
        }
        final String self = "mucaffiliationnotify-room?roomJID=" + URLEncoder.encode(room, StandardCharsets.UTF_8);
        if ("POST".equals(request.method)) {
            final String mode = request.parameter("mode");
            if (!List.of("on", "off", "inherit").contains(String.valueOf(mode))) {
                html.append(box("error", "Unknown setting \"" + mode + "\": choose on, off or inherit."));
                page(exchange, 400, "Notifications", html.toString());
                return;
            }
            roomModes.put(room, mode);
            session.put("success", "Settings saved: room " + room + " is now set to \"" + mode + "\".");
            redirect(exchange, self);
            return;
        }
        final String success = session.remove("success");
        if (success != null) {
            html.append(box("success", success));
        }
        html.append("<form action=\"").append(self.replace("&", "&amp;"))
            .append("\" method=\"post\" accept-charset=\"UTF-8\" id=\"mucaffiliationnotify-room-form\">\n")
            .append("<input type=\"hidden\" name=\"csrf\" value=\"")
            .append(roomPageWritesStaleToken ? "stale" : session.get("csrf")).append("\">\n");
        if (!roomPageWithoutModes) {
            for (String mode : List.of("on", "off", "inherit")) {
                html.append("<input type=\"radio\" name=\"mode\" value=\"").append(mode).append("\" id=\"m-").append(mode)
                    .append("\"").append(mode.equals(roomModes.get(room)) ? " checked" : "").append(">\n");
            }
        }
        html.append("<input type=\"submit\" name=\"save\" id=\"mucaffiliationnotify-save\" value=\"Save Settings\">\n</form>\n");
        page(exchange, 200, "Notifications", html.toString());
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private String setCsrfCookie(HttpExchange exchange) {
        final String token = UUID.randomUUID().toString().replace("-", "").substring(0, 15);
        issuedCsrfCookies.add(token);
        exchange.getResponseHeaders().add("Set-Cookie", "csrf=" + token + "; Path=/; HttpOnly");
        return token;
    }

    private static String box(String type, String text) {
        return "<div class=\"jive-" + type + "\">\n<table><tbody><tr><td class=\"jive-icon\"><img src=\"/images/"
            + type + "-16x16.gif\" alt=\"\"/></td><td class=\"jive-icon-label\">\n" + text
            + "\n</td></tr></tbody></table>\n</div><br/>\n";
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void page(HttpExchange exchange, int status, String title, String body) throws IOException {
        final byte[] bytes = ("<!DOCTYPE html>\n<html><head><title>Openfire Admin Console: " + title + "</title></head>\n"
            + "<body><div id=\"jive-main-content\">\n" + body + "</div><div id=\"jive-footer\">Openfire</div></body></html>\n")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void parse(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            final int eq = pair.indexOf('=');
            final String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }
}
