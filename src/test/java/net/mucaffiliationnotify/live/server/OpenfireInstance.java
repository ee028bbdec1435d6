package net.mucaffiliationnotify.live.server;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dom4j.Document;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.io.OutputFormat;
import org.dom4j.io.XMLWriter;

/**
 * A throwaway Openfire for the live suite: a copy of an unpacked Openfire distribution (the directory an admin
 * downloads and unpacks), set up unattended on its first start through Openfire's {@code <autosetup>} (embedded
 * database, XMPP domain and FQDN {@code localhost}, admin {@code admin}/{@code admin}, users {@code user},
 * {@code user2}, {@code user3} with password {@code password}), listening on one loopback address only: the
 * client port (5222) and the admin console (9090) there, every other listener (direct TLS, server-to-server,
 * components, connection managers, BOSH/websockets, the admin console's TLS port, the file transfer proxy)
 * switched off; no update checks.
 *
 * <pre>
 * try (OpenfireInstance openfire = OpenfireInstance.prepare(distribution, workDir, "127.0.0.8")) {
 *     openfire.start(Duration.ofMinutes(3));
 *     AdminConsole console = AdminConsole.login(openfire.adminConsole(), "admin", "admin");
 *     ...
 * }   // stops it
 * </pre>
 *
 * <p>Openfire runs as {@code bin/openfire.sh} (which execs Java with {@code lib/startup.jar}) in a session and
 * process group of its own ({@code setsid}), so a terminal's Ctrl-C reaches only the test JVM, whose shutdown
 * hook then stops it. Its console output goes to {@code logs/console.log}; Openfire writes {@code logs/openfire.log}.</p>
 */
public final class OpenfireInstance implements AutoCloseable {
    /** The XMPP domain and FQDN autosetup gives the server. */
    public static final String DOMAIN = "localhost";
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** The users autosetup creates besides the admin, each with {@link #USER_PASSWORD}. */
    public static final List<String> USERS = List.of("user", "user2", "user3");
    public static final String USER_PASSWORD = "password";
    public static final int DEFAULT_C2S_PORT = 5222;
    public static final int DEFAULT_ADMIN_CONSOLE_PORT = 9090;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    private final Path home;
    private final String host;
    private final int c2sPort;
    private final int adminConsolePort;
    private final Duration copyTime;
    private Process process;
    private Thread shutdownHook;

    private OpenfireInstance(Path home, String host, int c2sPort, int adminConsolePort, Duration copyTime) {
        this.home = home;
        this.host = host;
        this.c2sPort = c2sPort;
        this.adminConsolePort = adminConsolePort;
        this.copyTime = copyTime;
    }

    /**
     * {@link #prepare(Path, Path, String, int, int)} with the standard ports 5222 and 9090.
     */
    public static OpenfireInstance prepare(Path distribution, Path workDir, String loopbackAddress) throws IOException {
        return prepare(distribution, workDir, loopbackAddress, DEFAULT_C2S_PORT, DEFAULT_ADMIN_CONSOLE_PORT);
    }

    /**
     * Copies the distribution into {@code workDir} (which becomes the instance's OPENFIRE_HOME) and writes its
     * {@code conf/openfire.xml}. Nothing is started.
     *
     * @param distribution an unpacked Openfire distribution: {@code bin/openfire.sh}, {@code lib/startup.jar},
     *     {@code conf/}, ...
     * @param workDir a directory that does not exist yet or is empty
     * @param loopbackAddress the loopback address (IPv4 or IPv6 literal) every listener binds to
     * @param c2sPort the client port on that address
     * @param adminConsolePort the admin console's (plain HTTP) port on that address
     * @throws IllegalArgumentException when the distribution is not one, the address is not a loopback
     *     literal, or a port is out of range
     * @throws IllegalStateException when {@code workDir} is not empty
     */
    public static OpenfireInstance prepare(Path distribution, Path workDir, String loopbackAddress, int c2sPort,
                                           int adminConsolePort) throws IOException {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(workDir, "workDir");
        final String host = loopback(loopbackAddress);
        checkPort(c2sPort, "c2sPort");
        checkPort(adminConsolePort, "adminConsolePort");
        if (c2sPort == adminConsolePort) {
            throw new IllegalArgumentException("c2sPort and adminConsolePort are both " + c2sPort);
        }
        checkDistribution(distribution);
        final Path home = workDir.toAbsolutePath().normalize();
        if (Files.exists(home)) {
            if (!Files.isDirectory(home)) {
                throw new IllegalStateException("workDir " + home + " exists and is not a directory");
            }
            try (Stream<Path> entries = Files.list(home)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException("workDir " + home + " is not empty: give a new or empty directory"
                        + " for the copy of the distribution");
                }
            }
        }
        final long begin = System.nanoTime();
        copyDistribution(distribution.toAbsolutePath().normalize(), home);
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(home.resolve("conf").resolve("openfire.xml"), openfireXml(host, c2sPort, adminConsolePort),
            StandardCharsets.UTF_8);
        return new OpenfireInstance(home, host, c2sPort, adminConsolePort, Duration.ofNanos(System.nanoTime() - begin));
    }

    private static String loopback(String address) {
        Objects.requireNonNull(address, "loopbackAddress");
        final String literal = address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1) : address;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException("loopbackAddress must be an IP address literal, not " + address);
        }
        final InetAddress inet;
        try {
            inet = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("loopbackAddress " + address + " is not an IP address", e);
        }
        if (!inet.isLoopbackAddress()) {
            throw new IllegalArgumentException("loopbackAddress " + address + " is not a loopback address "
                + "(127.0.0.0/8 or ::1): the live suite's Openfire listens on loopback only");
        }
        return literal;
    }

    private static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " " + port + " is not a TCP port");
        }
    }

    private static void checkDistribution(Path distribution) {
        if (!Files.isDirectory(distribution)) {
            throw new IllegalArgumentException("No Openfire distribution at " + distribution + ": not a directory"
                + " (give the unpacked distribution, e.g. distribution/target/distribution-base of an Openfire build)");
        }
        final List<String> missing = new ArrayList<>();
        for (String required : List.of("bin/openfire.sh", "lib/startup.jar", "conf")) {
            if (!Files.exists(distribution.resolve(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("No Openfire distribution at " + distribution + ": it lacks "
                + String.join(", ", missing) + " (give the unpacked distribution, the directory that holds bin/, "
                + "lib/ and conf/)");
        }
    }

    /**
     * Copies the distribution, keeping files' permissions (bin/*.sh stay executable); leaves out what a used
     * home has and a fresh one must not: the embedded database, logs, and conf/openfire.xml (written anew).
     */
    static void copyDistribution(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                final Path relative = source.relativize(dir);
                if (relative.toString().equals("embedded-db") || relative.toString().equals("logs")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                final Path relative = source.relativize(file);
                if (relative.toString().equals("conf" + File.separator + "openfire.xml")) {
                    return FileVisitResult.CONTINUE;
                }
                final Path to = target.resolve(relative.toString());
                Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                final Path to = target.resolve(source.relativize(dir).toString());
                try {
                    Files.setLastModifiedTime(to, Files.getLastModifiedTime(dir));
                } catch (IOException ignored) {
                    // times of directories do not matter
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // bin/*.sh must be executable whatever the copy kept (a distribution unpacked without modes, say).
        try (Stream<Path> bin = Files.list(target.resolve("bin"))) {
            for (Path script : bin.filter(p -> p.getFileName().toString().endsWith(".sh")).collect(Collectors.toList())) {
                try {
                    final Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(script));
                    permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_READ));
                    Files.setPosixFilePermissions(script, permissions);
                } catch (UnsupportedOperationException e) {
                    script.toFile().setExecutable(true);
                }
            }
        }
    }

    /**
     * @return the content of conf/openfire.xml: the listeners on {@code host} only (or off), the embedded
     *     database, and the autosetup block Openfire consumes (and deletes) on its first start
     */
    static String openfireXml(String host, int c2sPort, int adminConsolePort) {
        final Document document = DocumentHelper.createDocument();
        final Element jive = document.addElement("jive");
        final Element adminConsole = jive.addElement("adminConsole");
        adminConsole.addElement("port").setText(Integer.toString(adminConsolePort));
        adminConsole.addElement("securePort").setText("-1");   // -1: off (no TLS admin console on 9091)
        adminConsole.addElement("interface").setText(host);
        jive.addElement("network").addElement("interface").setText(host);
        jive.addElement("locale").setText("en");
        jive.addElement("connectionProvider").addElement("className")
            .setText("org.jivesoftware.database.EmbeddedConnectionProvider");
        // System properties: on the first start Openfire copies these XML properties into its database.
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("xmpp.socket.plain.port", Integer.toString(c2sPort));
        properties.put("xmpp.socket.ssl.active", "false");                 // c2s direct TLS, 5223
        properties.put("xmpp.server.socket.active", "false");              // s2s, 5269
        properties.put("xmpp.server.socket.ssl.active", "false");          // s2s direct TLS, 5270
        properties.put("xmpp.component.socket.active", "false");           // external components, 5275
        properties.put("xmpp.component.ssl.active", "false");              // 5276
        properties.put("xmpp.multiplex.socket.active", "false");           // connection managers, 5262
        properties.put("xmpp.multiplex.ssl.active", "false");              // 5263
        properties.put("xmpp.proxy.enabled", "false");                     // file transfer proxy, 7777
        properties.put("httpbind.enabled", "false");                       // BOSH and websockets, 7070/7443
        properties.put("update.service-enabled", "false");                 // no update checks over the network
        properties.forEach((key, value) -> property(jive, key, value));

        final Element autosetup = jive.addElement("autosetup");
        autosetup.addElement("run").setText("true");
        autosetup.addElement("locale").setText("en");
        final Element xmpp = autosetup.addElement("xmpp");
        xmpp.addElement("domain").setText(DOMAIN);
        xmpp.addElement("fqdn").setText(DOMAIN);
        xmpp.addElement("auth").addElement("anonymous").setText("false");
        // Autosetup sets xmpp.socket.ssl.active itself, from autosetup.xmpp.socket.ssl.active (default true).
        xmpp.addElement("socket").addElement("ssl").addElement("active").setText("false");
        autosetup.addElement("database").addElement("mode").setText("embedded");
        final Element admin = autosetup.addElement("admin");
        admin.addElement("email").setText(ADMIN_USER + "@" + DOMAIN);
        admin.addElement("password").setText(ADMIN_PASSWORD);
        final Element users = autosetup.addElement("users");
        for (int i = 0; i < USERS.size(); i++) {
            final Element user = users.addElement("user" + (i + 1));
            user.addElement("username").setText(USERS.get(i));
            user.addElement("password").setText(USER_PASSWORD);
            user.addElement("name").setText("User " + (i + 1));
            user.addElement("email").setText(USERS.get(i) + "@" + DOMAIN);
        }
        try {
            final java.io.StringWriter out = new java.io.StringWriter();
            final XMLWriter writer = new XMLWriter(out, OutputFormat.createPrettyPrint());
            writer.write(document);
            writer.close();
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void property(Element root, String key, String value) {
        Element element = root;
        for (String part : key.split("\\.")) {
            final Element child = element.element(part);
            element = child != null ? child : element.addElement(part);
        }
        element.setText(value);
    }

    /**
     * Starts Openfire and waits until the client port answers an XMPP stream header and the admin console serves
     * its login page (the first start runs autosetup first).
     *
     * @throws IllegalStateException when it runs already, when a port on the address is taken (by another
     *     Openfire, say), when Openfire exits, or when autosetup did not complete
     * @throws TimeoutException when it is not up in time (it is stopped again)
     */
    public synchronized void start(Duration timeout) throws IOException, InterruptedException, TimeoutException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Openfire in " + home + " runs already (pid " + process.pid() + ")");
        }
        checkPortsFree();
        final List<String> command = new ArrayList<>();
        final Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.add(home.resolve("bin").resolve("openfire.sh").toString());
        final ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs").resolve("console.log").toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("OPENFIRE_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        shutdownHook = new Thread(this::stopQuietly, "stop Openfire " + home);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        final long deadline = System.nanoTime() + timeout.toNanos();
        try {
            boolean c2s = false;
            boolean console = false;
            while (!(c2s && console)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Openfire in " + home + " exited with " + process.exitValue()
                        + " while starting; console output:\n" + tail(home.resolve("logs").resolve("console.log"), 20)
                        + "\nopenfire.log:\n" + tail(log(), 20));
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Openfire in " + home + " not up within " + timeout + " (client port "
                        + (c2s ? "answers" : "does not answer") + ", admin console " + (console ? "answers" : "does not answer")
                        + "); openfire.log:\n" + tail(log(), 20));
                }
                c2s = c2s || c2sAnswers();
                console = console || adminConsoleAnswers();
                if (!(c2s && console)) {
                    Thread.sleep(250);
                }
            }
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            stopQuietly();
            throw e;
        }
    }

    /** @throws IllegalStateException naming each port on the address that something listens on already */
    void checkPortsFree() {
        final List<String> taken = new ArrayList<>();
        for (int port : new int[] {c2sPort, adminConsolePort}) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            } catch (IOException e) {
                taken.add(host + ":" + port + " (" + e.getMessage() + ")");
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Not starting Openfire in " + home + ": already in use on " + host + ": "
                + String.join(", ", taken) + ". Another Openfire (or other server) listens on this address; stop it "
                + "or give this instance another loopback address.");
        }
    }

    /** @return whether the client port answers a stream header with a stream header */
    private boolean c2sAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), c2sPort), 1000);
            socket.setSoTimeout(3000);
            final OutputStream out = socket.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream to='" + DOMAIN + "' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            final InputStream in = socket.getInputStream();
            final StringBuilder answer = new StringBuilder();
            final byte[] buffer = new byte[4096];
            int n;
            while (answer.indexOf("<stream:stream") < 0 && (n = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            final boolean answered = answer.indexOf("<stream:stream") >= 0;
            if (answered) {
                out.write("</stream:stream>".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            return answered;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @return whether the admin console serves its login page
     * @throws IllegalStateException when it sends to the setup pages: autosetup did not complete
     */
    private boolean adminConsoleAnswers() {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) adminConsole().resolve("login.jsp").toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(10000);
            final int status = connection.getResponseCode();
            final String location = connection.getHeaderField("Location");
            if (status / 100 == 3 && location != null && location.contains("setup/")) {
                throw new IllegalStateException("Openfire in " + home + " is not set up: its admin console sends to "
                    + location + " (autosetup did not run or failed); openfire.log:\n" + tail(log(), 20));
            }
            return status == 200;
        } catch (IOException e) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /**
     * Stops Openfire (SIGTERM: its shutdown hook closes the listeners and the database; SIGKILL after
     * 30 s) and waits until it and every process it started have ended.
     */
    public synchronized void stop() throws InterruptedException {
        final Process running = process;
        if (running == null) {
            return;
        }
        final List<ProcessHandle> descendants = running.descendants().collect(Collectors.toList());
        running.destroy();
        if (!running.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            running.destroyForcibly();
            running.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                    child.destroyForcibly();
                }
            }
        }
        process = null;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        shutdownHook = null;
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop()}; an interrupt while waiting for the process is passed on as the thread's interrupt status. */
    @Override
    public void close() {
        stopQuietly();
    }

    /** @return whether Openfire's process runs */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return the pid of the process started (the Java process: openfire.sh execs it), or -1 when not started */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** @return the instance's OPENFIRE_HOME (the copy) */
    public Path home() {
        return home;
    }

    /** @return logs/openfire.log of the copy */
    public Path log() {
        return home.resolve("logs").resolve("openfire.log");
    }

    /** @return the loopback address everything listens on */
    public String host() {
        return host;
    }

    public int c2sPort() {
        return c2sPort;
    }

    public int adminConsolePort() {
        return adminConsolePort;
    }

    /** @return the admin console's root, e.g. {@code http://127.0.0.8:9090/} */
    public URI adminConsole() {
        final String literal = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + adminConsolePort + "/");
    }

    /** @return how long {@link #prepare} took to copy the distribution */
    public Duration copyTime() {
        return copyTime;
    }

    /** @return the current size of openfire.log in bytes: a mark for {@link #waitForLogLine(Pattern, Duration, long)} */
    public long logPosition() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #waitForLogLine(Pattern, Duration, long)} from the start of the log.
     */
    public String waitForLogLine(Pattern pattern, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        return waitForLogLine(pattern, timeout, 0);
    }

    /**
     * Waits until a line of openfire.log (colour codes removed) written after {@code from} matches.
     *
     * @param from a byte offset of the log ({@link #logPosition()} before the action that logs)
     * @return the first matching line
     * @throws TimeoutException when none is written in time
     */
    public String waitForLogLine(Pattern pattern, Duration timeout, long from)
        throws IOException, InterruptedException, TimeoutException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long position = from;
        final StringBuilder partial = new StringBuilder();
        while (true) {
            if (Files.exists(log())) {
                try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "r")) {
                    if (file.length() < position) {
                        position = 0;   // rolled over
                    }
                    file.seek(position);
                    final byte[] bytes = new byte[(int) Math.min(file.length() - position, 16 * 1024 * 1024)];
                    file.readFully(bytes);
                    position += bytes.length;
                    partial.append(new String(bytes, StandardCharsets.UTF_8));
                }
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    final String line = ANSI.matcher(partial.substring(0, newline)).replaceAll("");
                    partial.delete(0, newline + 1);
                    if (pattern.matcher(line).find()) {
                        return line;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("No line matching " + pattern + " in " + log() + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** @return the last lines of a file, colour codes removed ("" when it does not exist) */
    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")";
            }
            final List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                .map(l -> ANSI.matcher(l).replaceAll("")).collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "Openfire " + home + " on " + host + " (c2s " + c2sPort + ", admin console " + adminConsolePort + ")";
    }
}
