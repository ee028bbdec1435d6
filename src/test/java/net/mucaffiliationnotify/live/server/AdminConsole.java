package net.mucaffiliationnotify.live.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Openfire's admin console driven over HTTP as an admin drives it with a browser: log in, then fill in and send
 * the forms the pages serve (with the CSRF tokens the pages carry: Openfire's own pages compare the form's
 * {@code csrf} with the {@code csrf} cookie, the plugin's pages with the token in the session). Every method
 * checks the answer (the redirect Openfire sends on success, the page's message boxes, and the state the page
 * shows afterwards) and throws an {@link AdminConsoleException} with the page's error text when the console
 * refused; none continues silently.
 *
 * <p>Written against the pages of Openfire 5.0.x, 5.1.x and main (login.jsp, plugin-admin.jsp, server-properties.jsp,
 * group-create.jsp, group-edit.jsp, muc-room-edit-form.jsp, muc-room-affiliations.jsp) and the plugin's own
 * pages ({@code /plugins/mucaffiliationnotify/mucaffiliationnotify-room} and {@code -service}).</p>
 *
 * <p>Not thread-safe: one admin, one request after the other (the plugin's pages replace the session's CSRF
 * token at each request).</p>
 */
public final class AdminConsole {
    /** The plugin's canonical name: its pages live under /plugins/ + this. */
    public static final String PLUGIN = "mucaffiliationnotify";
    /** How long one request may take (the machine running the suite may be busy). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final int MAX_REDIRECTS = 10;
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-\\d[^/]*$");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);
    private static final List<String> AFFILIATIONS = List.of("owner", "admin", "member", "outcast", "none");

    private final URI base;
    private final HttpClient http;

    /** One answer of the console. */
    static final class Page {
        final URI uri;
        final int status;
        final String body;
        final String location;

        Page(URI uri, int status, String body, String location) {
            this.uri = uri;
            this.status = status;
            this.body = body;
            this.location = location;
        }

        boolean redirect() {
            return status >= 300 && status < 400 && location != null;
        }

        /** @return the address the redirect points to */
        URI target() {
            return uri.resolve(location);
        }

        List<String> errors() {
            return HtmlText.errors(body);
        }
    }

    private AdminConsole(URI base) {
        this.base = base;
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    }

    /**
     * Logs into the admin console with the login page's form.
     *
     * @param base the admin console, e.g. {@code http://127.0.0.8:9090/}
     * @param user an admin's user name
     * @param password the password
     * @return the logged-in console
     * @throws AdminConsoleException when Openfire is not set up or refuses the login (with the page's text)
     */
    public static AdminConsole login(URI base, String user, String password) throws IOException, InterruptedException {
        Objects.requireNonNull(base, "base");
        final String s = base.toString();
        final AdminConsole console = new AdminConsole(URI.create(s.endsWith("/") ? s : s + "/"));
        console.logIn(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
        return console;
    }

    private void logIn(String user, String password) throws IOException, InterruptedException {
        final Page login = follow(send(get(base.resolve("login.jsp"))));
        if (login.uri.getPath().contains("/setup/")) {
            throw new AdminConsoleException("Openfire is not set up: the admin console sends to its setup pages",
                login.uri, login.status, List.of());
        }
        ok(login, "the login page");
        final HtmlForm form = form(login, HtmlForm.withControl("password"), "the login form");
        form.set("username", user).set("password", password);
        final Page answer = submit(form);
        if (!answer.redirect() || answer.target().getPath().endsWith("/login.jsp")) {
            throw refused("Login of " + user + " refused", answer);
        }
        final Page index = follow(answer);
        ok(index, "the page after login");
    }

    /** @return the admin console's address (ending in /) */
    public URI base() {
        return base;
    }

    /**
     * @param path a page of the admin console relative to its root, with its query (encoded), e.g.
     *     {@code muc-room-affiliations.jsp?roomJID=lobby%40conference.localhost}
     * @return the page (redirects followed)
     * @throws AdminConsoleException when the page does not answer 200, or the session is not logged in
     */
    public String get(String path) throws IOException, InterruptedException {
        final Page page = fetch(path);
        ok(page, path);
        return page.body;
    }

    // ---------------------------------------------------------------------------------------------- Plugins

    /**
     * Uploads a plugin jar on the Plugins page, named after the jar without its version
     * ({@code mucaffiliationnotify-1.3.0.jar} becomes {@code mucaffiliationnotify.jar}: Openfire takes the
     * plugin's canonical name, and the path of its pages, from the uploaded file's name).
     *
     * @param jar the plugin jar
     * @return the canonical name it was uploaded as
     */
    public String uploadPlugin(Path jar) throws IOException, InterruptedException {
        final String file = jar.getFileName().toString();
        final String stem = file.toLowerCase(Locale.ROOT).endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
        final String canonicalName = VERSION_SUFFIX.matcher(stem).replaceFirst("").toLowerCase(Locale.ROOT);
        uploadPlugin(jar, canonicalName);
        return canonicalName;
    }

    /**
     * Uploads a plugin jar with the Plugins page's upload form (multipart, the CSRF token in the form's action)
     * as {@code canonicalName + ".jar"}.
     *
     * @throws AdminConsoleException when the page has no upload form or Openfire reports the upload failed
     */
    public void uploadPlugin(Path jar, String canonicalName) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no plugin jar at " + jar);
        }
        final Page plugins = fetch("plugin-admin.jsp");
        ok(plugins, "the Plugins page");
        final HtmlForm form = HtmlForm.find(plugins.body, plugins.uri, f -> f.multipart()
                && f.controls().stream().anyMatch(c -> "file".equals(c.type)))
            .orElseThrow(() -> new AdminConsoleException("The Plugins page has no upload form "
                + "(plugins.upload.enabled false?)", plugins.uri, plugins.status, plugins.errors()));
        final HtmlForm.Control file = form.controls().stream().filter(c -> "file".equals(c.type)).findFirst().get();
        final String boundary = "----mucaffiliationnotify" + UUID.randomUUID().toString().replace("-", "");
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, List<String>> field : form.values().entrySet()) {
            for (String value : field.getValue()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + field.getKey() + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.name
            + "\"; filename=\"" + canonicalName + ".jar\"\r\nContent-Type: application/java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        final HttpRequest request = HttpRequest.newBuilder(form.action()).timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        final Page answer = send(request);
        if (!answer.redirect()) {
            throw refused("Upload of " + jar + " not accepted", answer);
        }
        final Page after = follow(answer);
        final String query = answer.target().getRawQuery() == null ? "" : answer.target().getRawQuery();
        if (!query.contains("uploadsuccess=true")) {
            throw new AdminConsoleException("Upload of " + jar + " as " + canonicalName + ".jar failed ("
                + query + "; Openfire's log says why)", after.uri, after.status, after.errors());
        }
        if (!after.errors().isEmpty()) {
            throw refused("Upload of " + jar, after);
        }
    }

    /**
     * Waits until the Plugins page shows the plugin as loaded (its reload button appears only for a loaded plugin).
     *
     * @throws AdminConsoleException when it is not loaded in time (with what the page lists)
     */
    public void waitForPlugin(String canonicalName, Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Page page;
        while (true) {
            page = fetch("plugin-admin.jsp");
            ok(page, "the Plugins page");
            final List<HtmlForm> forms = HtmlForm.all(page.body, page.uri);
            if (forms.stream().anyMatch(f -> canonicalName.equals(f.value("reloadplugin")))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500);
        }
        final List<String> listed = HtmlForm.all(page.body, page.uri).stream().map(f -> f.value("deleteplugin"))
            .filter(Objects::nonNull).collect(Collectors.toList());
        throw new AdminConsoleException("Plugin " + canonicalName + " not loaded within " + timeout
            + " (the Plugins page lists " + listed + ")", page.uri, page.status, page.errors());
    }

    // ---------------------------------------------------------------------------------------------- Server

    /**
     * Sets a system property on the System Properties page (its action form, as the page's script fills it in).
     */
    public void setProperty(String key, String value) throws IOException, InterruptedException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        final Page page = fetch("server-properties.jsp?searchName=" + enc(key));
        ok(page, "the System Properties page");
        final HtmlForm form = form(page, HtmlForm.withId("actionForm"), "the System Properties page's action form");
        form.set("action", "save").set("key", key).set("value", value);
        final Page after = expectRedirect(submit(form), "Setting " + key + " to " + value, uri -> true);
        if (after.errors().isEmpty() && HtmlText.successes(after.body).stream().noneMatch(s -> s.contains(key))) {
            throw new AdminConsoleException("Setting " + key + " to " + value + ": no confirmation on the page",
                after.uri, after.status, List.of());
        }
    }

    /**
     * Creates a group (group-create.jsp), then adds each member on the group's page (group-edit.jsp), and checks
     * that the group's page lists them.
     *
     * @param members user names of local users, or JIDs
     * @throws AdminConsoleException also when the group exists already
     */
    public void createGroup(String name, String... members) throws IOException, InterruptedException {
        Objects.requireNonNull(name, "name");
        final Page create = fetch("group-create.jsp");
        ok(create, "the group creation page");
        final HtmlForm form = form(create, HtmlForm.withControl("name"), "the group creation form");
        form.set("name", name).set("description", name).press("create");
        final Page created = expectRedirect(submit(form), "Creating group " + name,
            uri -> uri.getPath().endsWith("/group-edit.jsp"));
        Page page = created;
        for (String member : members) {
            final HtmlForm add = form(page, HtmlForm.withControl("addMember"), "the group's add-member form");
            add.set("username", member).press("addbutton");
            page = expectRedirect(submit(add), "Adding " + member + " to group " + name,
                uri -> uri.getPath().endsWith("/group-edit.jsp"));
        }
        final Page check = groupPage(name);
        for (String member : members) {
            if (!lists(check, member)) {
                throw new AdminConsoleException("Group " + name + " does not list " + member + " after adding it",
                    check.uri, check.status, check.errors());
            }
        }
    }

    /**
     * Adds someone to an existing group as a member, with the Add form of the group's page (group-edit.jsp), as
     * an admin does; Openfire then fires its group event ({@code member_added}). Checks the page lists them.
     *
     * @param group the group's name
     * @param member a local user's name, or any JID (Openfire accepts JIDs of no account, and remote ones)
     * @throws AdminConsoleException when the page refuses (no such group, no such local user)
     */
    public void addGroupMember(String group, String member) throws IOException, InterruptedException {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(member, "member");
        final Page page = groupPage(group);
        final HtmlForm add = form(page, HtmlForm.withControl("addMember"), "the group's add-member form");
        add.set("username", member).press("addbutton");
        expectRedirect(submit(add), "Adding " + member + " to group " + group,
            uri -> uri.getPath().endsWith("/group-edit.jsp") && String.valueOf(uri.getRawQuery()).contains("success=true"));
        if (!groupLists(group, member)) {
            throw new AdminConsoleException("Group " + group + " does not list " + member + " after adding it",
                page.uri, page.status, List.of());
        }
    }

    /**
     * Removes someone from a group with the group's member table (group-edit.jsp): ticks their Remove box and
     * presses Remove, as an admin does; Openfire then fires {@code member_removed} (or {@code admin_removed}).
     * Checks the page no longer lists them. Someone the group does not list is left alone.
     *
     * @param group the group's name
     * @param member a JID, or a local user's name (then the box of {@code name@} any domain)
     */
    public void removeGroupMember(String group, String member) throws IOException, InterruptedException {
        Objects.requireNonNull(group, "group");
        final String wanted = Objects.requireNonNull(member, "member").toLowerCase(Locale.ROOT);
        final Page page = groupPage(group);
        final Optional<HtmlForm> table = HtmlForm.find(page.body, page.uri, f -> f.controls().stream()
            .anyMatch(c -> "delete".equals(c.name)));
        final Optional<String> box = table.flatMap(f -> f.controls().stream()
            .filter(c -> "delete".equals(c.name) && c.value != null)
            .map(c -> c.value)
            .filter(v -> v.equalsIgnoreCase(wanted) || (!wanted.contains("@")
                && v.toLowerCase(Locale.ROOT).startsWith(wanted + "@")))
            .findFirst());
        if (box.isEmpty()) {
            return;
        }
        table.get().set("delete", box.get()).press("removeMember");
        expectRedirect(submit(table.get()), "Removing " + member + " from group " + group,
            uri -> uri.getPath().endsWith("/group-edit.jsp")
                && String.valueOf(uri.getRawQuery()).contains("deletesuccess=true"));
        if (groupLists(group, member)) {
            throw new AdminConsoleException("Group " + group + " still lists " + member + " after removing it",
                page.uri, page.status, List.of());
        }
    }

    /**
     * @param group the group's name
     * @param member a local user's name, or a JID
     * @return whether the group's page lists them (as a member or an administrator)
     */
    public boolean groupLists(String group, String member) throws IOException, InterruptedException {
        return lists(groupPage(group), member);
    }

    private static boolean lists(Page page, String member) {
        final String lower = member.toLowerCase(Locale.ROOT);
        return member.contains("@")
            ? HtmlText.text(page.body).contains(lower)
            : page.body.contains("user-properties.jsp?username=" + enc(lower));
    }

    private Page groupPage(String group) throws IOException, InterruptedException {
        final Page page = fetch("group-edit.jsp?group=" + enc(group));
        if (!page.uri.getPath().endsWith("/group-edit.jsp")) {
            throw new AdminConsoleException("No group " + group + ": the console sent to " + page.uri.getPath(),
                page.uri, page.status, page.errors());
        }
        ok(page, "the page of group " + group);
        return page;
    }

    // ---------------------------------------------------------------------------------------------- Rooms

    /**
     * Creates a persistent room with the room creation form (muc-room-edit-form.jsp; the admin becomes its owner),
     * named and described {@code name}, and checks that the room's page shows it persistent.
     *
     * @param service the MUC service: its name ({@code conference}) or its domain ({@code conference.localhost})
     * @param name the room's name (node)
     * @return the room's JID
     */
    public String createPersistentRoom(String service, String name) throws IOException, InterruptedException {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        final Page page = fetch("muc-room-edit-form.jsp?create=true");
        ok(page, "the room creation page");
        final HtmlForm form = form(page, HtmlForm.withControl("roomconfig_roomname"), "the room creation form");
        final HtmlForm.Control muc = form.control("mucName").orElseThrow(() -> new AdminConsoleException(
            "The room creation form offers no MUC service", page.uri, page.status, page.errors()));
        final List<String> domains = muc.options != null ? new ArrayList<>(muc.options.keySet())
            : form.controls().stream().filter(c -> "mucName".equals(c.name)).map(c -> c.value).collect(Collectors.toList());
        final String domain = domains.stream().filter(d -> d.equals(service) || d.startsWith(service + "."))
            .findFirst().orElseThrow(() -> new AdminConsoleException("No MUC service " + service
                + " on the room creation form (it offers " + domains + ")", page.uri, page.status, List.of()));
        if (muc.options != null) {
            form.set("mucName", domain);
        } else {
            form.force("mucName", domain);
        }
        form.set("roomName", name).set("roomconfig_roomname", name).set("roomconfig_roomdesc", name)
            .set("roomconfig_persistentroom", "true").press("Submit");
        final String roomJid = name.toLowerCase(Locale.ROOT) + "@" + domain;
        expectRedirect(submit(form), "Creating room " + roomJid,
            uri -> uri.getPath().endsWith("/muc-room-edit-form.jsp") && String.valueOf(uri.getRawQuery()).contains("addsuccess=true"));
        final Page room = fetch("muc-room-edit-form.jsp?roomJID=" + enc(roomJid));
        ok(room, "the page of room " + roomJid);
        final HtmlForm edit = form(room, HtmlForm.withControl("roomconfig_roomname"), "the form of room " + roomJid);
        if (!"true".equals(edit.value("roomconfig_persistentroom"))) {
            throw new AdminConsoleException("Room " + roomJid + " is not persistent after creating it",
                room.uri, room.status, room.errors());
        }
        return roomJid;
    }

    /**
     * Sets someone's affiliation with a room on the room's User Permissions page (muc-room-affiliations.jsp:
     * Openfire applies it through the room's admin IQ handler; no XMPP client is involved), and checks the page
     * lists it. {@code none} removes it with the page's delete link.
     *
     * @param roomJid e.g. {@code lobby@conference.localhost}
     * @param jid a bare JID
     * @param affiliation owner, admin, member, outcast or none
     */
    public void setRoomAffiliation(String roomJid, String jid, String affiliation) throws IOException, InterruptedException {
        Objects.requireNonNull(roomJid, "roomJid");
        Objects.requireNonNull(jid, "jid");
        final String wanted = Objects.requireNonNull(affiliation, "affiliation").toLowerCase(Locale.ROOT);
        if (!AFFILIATIONS.contains(wanted)) {
            throw new IllegalArgumentException("affiliation " + affiliation + " is none of " + AFFILIATIONS);
        }
        final String user = jid.toLowerCase(Locale.ROOT);
        final Page page = affiliationsPage(roomJid);
        if ("none".equals(wanted)) {
            final Optional<URI> delete = deleteLink(page, user);
            if (delete.isPresent()) {
                expectRedirect(send(get(delete.get())), "Removing the affiliation of " + user + " with " + roomJid,
                    uri -> String.valueOf(uri.getRawQuery()).contains("deletesuccess=true"));
            }
        } else {
            final HtmlForm form = form(page, HtmlForm.withControl("affiliation"), "the room's permission form");
            form.set("affiliation", wanted).set("userJID", user);
            if (form.control("nickName").isPresent()) {
                form.set("nickName", "");
            }
            expectRedirect(submit(form), "Setting " + user + " to " + wanted + " of " + roomJid,
                uri -> String.valueOf(uri.getRawQuery()).contains("addsuccess=true"));
        }
        final String now = roomAffiliation(roomJid, user);
        if (!now.equals(wanted)) {
            throw new AdminConsoleException("After setting " + user + " to " + wanted + " of " + roomJid
                + " the room's permissions page lists " + now, null, 0, List.of());
        }
    }

    /**
     * Gives an Openfire group an affiliation with a room on the room's User Permissions page (its group list, as
     * an admin picks a group there: Openfire keeps the group's JID in the room's list, and the group's users have
     * that affiliation through it), and checks the page lists the group so.
     *
     * @param roomJid e.g. {@code lobby@conference.localhost}
     * @param group the group's name
     * @param affiliation owner, admin, member or outcast
     */
    public void setRoomGroupAffiliation(String roomJid, String group, String affiliation)
        throws IOException, InterruptedException {
        Objects.requireNonNull(roomJid, "roomJid");
        Objects.requireNonNull(group, "group");
        final String wanted = Objects.requireNonNull(affiliation, "affiliation").toLowerCase(Locale.ROOT);
        if (!AFFILIATIONS.contains(wanted) || "none".equals(wanted)) {
            throw new IllegalArgumentException("affiliation " + affiliation + " is none of owner, admin, member, outcast");
        }
        final Page page = affiliationsPage(roomJid);
        final HtmlForm form = form(page, HtmlForm.withControl("affiliation"), "the room's permission form");
        form.set("affiliation", wanted).set("groupNames", enc(group)).set("userJID", "");
        if (form.control("nickName").isPresent()) {
            form.set("nickName", "");
        }
        expectRedirect(submit(form), "Setting group " + group + " to " + wanted + " of " + roomJid,
            uri -> String.valueOf(uri.getRawQuery()).contains("addsuccess=true"));
        final String now = roomAffiliation(roomJid, groupJidPrefix(group), groupJidSuffix(group));
        if (!now.equals(wanted)) {
            throw new AdminConsoleException("After setting group " + group + " to " + wanted + " of " + roomJid
                + " the room's permissions page lists it as " + now, null, 0, List.of());
        }
    }

    /** @return the start of a group's JID as Openfire makes it: {@code base32hex(name)@} (lower case) */
    static String groupJidPrefix(String group) {
        final byte[] data = group.getBytes(StandardCharsets.UTF_8);
        final String digits = "0123456789abcdefghijklmnopqrstuv";
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.length; i += 5) {
            long block = 0;
            final int n = Math.min(5, data.length - i);
            for (int j = 0; j < 5; j++) {
                block = (block << 8) | (j < n ? data[i + j] & 0xff : 0);
            }
            final int chars = (n * 8 + 4) / 5;
            for (int j = 0; j < 8; j++) {
                out.append(j < chars ? digits.charAt((int) (block >>> (35 - 5 * j)) & 31) : '=');
            }
        }
        return out.append('@').toString();
    }

    /** @return the end of a group's JID as Openfire makes it: {@code /md5hex(name)} */
    static String groupJidSuffix(String group) {
        try {
            final byte[] digest = java.security.MessageDigest.getInstance("MD5")
                .digest(group.getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder("/");
            for (byte b : digest) {
                hex.append(String.format("%02x", b & 0xff));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the affiliation the page lists for the JID that starts and ends so, or none */
    private String roomAffiliation(String roomJid, String prefix, String suffix) throws IOException, InterruptedException {
        final Page page = affiliationsPage(roomJid);
        final Matcher href = HREF.matcher(page.body);
        while (href.find()) {
            final String link = HtmlText.unescape(href.group(1));
            if (link.contains("muc-room-affiliations.jsp") && link.contains("delete=true")) {
                final Matcher user = Pattern.compile("(?:\\?|&)userJID=([^&]*)").matcher(link);
                final Matcher affiliation = Pattern.compile("(?:\\?|&)affiliation=([a-z]+)").matcher(link);
                if (user.find() && affiliation.find()) {
                    final String jid = java.net.URLDecoder.decode(user.group(1), StandardCharsets.UTF_8);
                    if (jid.startsWith(prefix) && jid.endsWith(suffix)) {
                        return affiliation.group(1);
                    }
                }
            }
        }
        return "none";
    }

    /**
     * @return the affiliation the room's User Permissions page lists for the JID: owner, admin, member, outcast,
     *     or none when it is not listed
     */
    public String roomAffiliation(String roomJid, String jid) throws IOException, InterruptedException {
        final Page page = affiliationsPage(roomJid);
        final String user = jid.toLowerCase(Locale.ROOT);
        return deleteLink(page, user).map(uri -> {
            final Matcher m = Pattern.compile("(?:^|&)affiliation=([a-z]+)").matcher(uri.getRawQuery());
            return m.find() ? m.group(1) : "?";
        }).orElse("none");
    }

    private Page affiliationsPage(String roomJid) throws IOException, InterruptedException {
        final Page page = fetch("muc-room-affiliations.jsp?roomJID=" + enc(roomJid));
        if (!page.uri.getPath().endsWith("/muc-room-affiliations.jsp")) {
            throw new AdminConsoleException("No room " + roomJid + ": the console sent to " + page.uri.getPath(),
                page.uri, page.status, page.errors());
        }
        ok(page, "the permissions page of room " + roomJid);
        return page;
    }

    /** @return the page's delete link of that JID (its query names the affiliation it is listed with) */
    private static Optional<URI> deleteLink(Page page, String jid) {
        final String encoded = "userJID=" + enc(jid) + "&";
        final Matcher href = HREF.matcher(page.body);
        while (href.find()) {
            final String link = HtmlText.unescape(href.group(1));
            if (link.contains("muc-room-affiliations.jsp") && link.contains(encoded) && link.contains("delete=true")) {
                return Optional.of(page.uri.resolve(link));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------- The plugin's pages

    /**
     * Sets the room's own notification setting on the plugin's room page and checks the page shows it.
     *
     * @param roomJid e.g. {@code lobby@conference.localhost}
     * @param mode on, off or inherit (anything else is sent as is, for the page to refuse)
     */
    public void setRoomNotificationMode(String roomJid, String mode) throws IOException, InterruptedException {
        Objects.requireNonNull(roomJid, "roomJid");
        Objects.requireNonNull(mode, "mode");
        final String path = "plugins/" + PLUGIN + "/" + PLUGIN + "-room?roomJID=" + enc(roomJid);
        final Page page = fetch(path);
        ok(page, "the plugin's page of room " + roomJid);
        final HtmlForm form = form(page, HtmlForm.withId(PLUGIN + "-room-form"), "the plugin's room form");
        choose(form, page, mode).press("save");
        final Page after = expectRedirect(submit(form), "Setting room " + roomJid + " to " + mode, uri -> true);
        final HtmlForm shown = form(after, HtmlForm.withId(PLUGIN + "-room-form"), "the plugin's room form");
        if (!mode.equals(shown.value("mode"))) {
            throw new AdminConsoleException("Room " + roomJid + " shows " + shown.value("mode") + " after setting "
                + mode, after.uri, after.status, after.errors());
        }
    }

    /**
     * Sets a MUC service's default on the plugin's overview page and checks the page shows it.
     *
     * @param service the service's name, as Openfire's {@code mucname} ({@code conference})
     * @param mode on, off or inherit (anything else is sent as is, for the page to refuse)
     */
    public void setServiceNotificationMode(String service, String mode) throws IOException, InterruptedException {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(mode, "mode");
        final Page after = submitServicePage("?mucname=" + enc(service), PLUGIN + "-service-form", mode,
            "Setting the default of service " + service + " to " + mode);
        final HtmlForm shown = form(after, HtmlForm.withId(PLUGIN + "-service-form"), "the plugin's service form");
        if (!mode.equals(shown.value("mode"))) {
            throw new AdminConsoleException("Service " + service + " shows " + shown.value("mode")
                + " after setting " + mode, after.uri, after.status, after.errors());
        }
    }

    /**
     * Sets the global default (the system property {@code plugin.mucaffiliationnotify.enabled}) on the plugin's
     * overview page and checks the page shows it.
     */
    public void setGlobalNotification(boolean on) throws IOException, InterruptedException {
        final String mode = on ? "on" : "off";
        final Page after = submitServicePage("", PLUGIN + "-global-form", mode, "Setting the global default to " + mode);
        final HtmlForm shown = form(after, HtmlForm.withId(PLUGIN + "-global-form"), "the plugin's global form");
        if (!mode.equals(shown.value("mode"))) {
            throw new AdminConsoleException("The global default shows " + shown.value("mode") + " after setting "
                + mode, after.uri, after.status, after.errors());
        }
    }

    /**
     * Picks the mode on one of the plugin's forms: the form must have its mode choices; a value it does not offer
     * is sent all the same, for the page to refuse (the suite checks that refusal too).
     */
    private static HtmlForm choose(HtmlForm form, Page page, String mode) throws AdminConsoleException {
        if (form.control("mode").isEmpty()) {
            throw new AdminConsoleException("The form " + form.describe() + " has no mode choices", page.uri,
                page.status, page.errors());
        }
        return form.force("mode", mode);
    }

    private Page submitServicePage(String query, String formId, String mode, String what)
        throws IOException, InterruptedException {
        final Page page = fetch("plugins/" + PLUGIN + "/" + PLUGIN + "-service" + query);
        ok(page, "the plugin's overview page");
        final HtmlForm form = form(page, HtmlForm.withId(formId), "the plugin's form " + formId);
        choose(form, page, mode).press("save");
        return expectRedirect(submit(form), what, uri -> true);
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    }

    Page send(HttpRequest request) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Page(request.uri(), response.statusCode(), response.body(),
            response.headers().firstValue("Location").orElse(null));
    }

    /** @return the page a redirect leads to, after at most {@value #MAX_REDIRECTS} redirects (each a GET) */
    Page follow(Page page) throws IOException, InterruptedException {
        Page current = page;
        for (int i = 0; current.redirect(); i++) {
            if (i == MAX_REDIRECTS) {
                throw new AdminConsoleException("Too many redirects", current.uri, current.status, List.of());
            }
            current = send(get(current.target()));
        }
        return current;
    }

    /** GETs a page of the console, following redirects; a redirect to the login page means the session is gone. */
    Page fetch(String path) throws IOException, InterruptedException {
        final Page page = follow(send(get(base.resolve(path))));
        if (page.uri.getPath().endsWith("/login.jsp") && !path.startsWith("login.jsp")) {
            throw new AdminConsoleException("Not logged in (sent to the login page) when asking for " + path,
                page.uri, page.status, page.errors());
        }
        return page;
    }

    /** Sends a form as the browser does (GET: the data replaces the action's query; POST: url-encoded body). */
    Page submit(HtmlForm form) throws IOException, InterruptedException {
        if ("POST".equals(form.method())) {
            return send(HttpRequest.newBuilder(form.action()).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form.urlEncoded(), StandardCharsets.UTF_8)).build());
        }
        return send(get(form.getUri()));
    }

    private static HtmlForm form(Page page, Predicate<HtmlForm> which, String description) throws AdminConsoleException {
        return HtmlForm.find(page.body, page.uri, which).orElseThrow(() -> new AdminConsoleException(
            "No " + description + " on the page (title '" + HtmlText.title(page.body) + "')", page.uri, page.status,
            page.errors()));
    }

    private static void ok(Page page, String description) throws AdminConsoleException {
        if (page.status != 200) {
            throw refused(description + " did not answer 200", page);
        }
    }

    /**
     * The answer to a form must be Openfire's redirect after success, to a page without error messages.
     *
     * @return the page redirected to
     */
    private Page expectRedirect(Page answer, String what, Predicate<URI> success) throws IOException, InterruptedException {
        if (!answer.redirect()) {
            throw refused(what + ": refused (no redirect)", answer);
        }
        final URI target = answer.target();
        final Page after = follow(answer);
        if (!after.errors().isEmpty() || after.status != 200) {
            throw refused(what + ": refused", after);
        }
        if (!success.test(target)) {
            throw new AdminConsoleException(what + ": the console sent to " + target + " instead", after.uri,
                after.status, after.errors());
        }
        return after;
    }

    private static AdminConsoleException refused(String what, Page page) {
        final List<String> errors = page.errors();
        final String detail;
        if (!errors.isEmpty()) {
            detail = "";
        } else {
            final String text = HtmlText.mainText(page.body);
            detail = " (the page shows no error message; title '" + HtmlText.title(page.body) + "', text: "
                + (text.length() > 300 ? text.substring(0, 300) + "…" : text) + ")";
        }
        return new AdminConsoleException(what + detail, page.uri, page.status, errors);
    }
}
