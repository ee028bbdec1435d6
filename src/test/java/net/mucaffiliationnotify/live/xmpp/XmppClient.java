package net.mucaffiliationnotify.live.xmpp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import org.dom4j.Element;

/**
 * A minimal XMPP client-to-server connection for live tests: TCP, STARTTLS when the server offers it,
 * SASL SCRAM-SHA-1 (else PLAIN), resource binding, a session when the server requires one. Then stanzas
 * go out as text and come in as dom4j elements, read by a background thread into a queue.
 * <p>
 * Queries the server itself sends the client (XEP-0199 ping, XEP-0092 version, XEP-0030 disco#info from
 * the server's domain; Openfire asks every client's version) are answered as a client would and never
 * reach {@link #receive}, because no test can predict when they come.
 * <p>
 * Thread-safety: one thread calling {@link #receive} and any number calling {@link #send}.
 */
public final class XmppClient implements AutoCloseable {

    static final String NS_CLIENT = "jabber:client";
    static final String NS_STREAM = "http://etherx.jabber.org/streams";
    static final String NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String NS_SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    private static final List<String> ANSWERED_QUERIES = List.of(
            "urn:xmpp:ping", "jabber:iq:version", "http://jabber.org/protocol/disco#info");
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final AtomicInteger IDS = new AtomicInteger();

    /** What the reader thread queues when the stream ends; it stays at the head of the queue. */
    private record Closed(String reason) {
    }

    private final String domain;
    private final Object writeLock = new Object();
    private final BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private Socket socket;
    private OutputStream out;
    private StanzaReader reader;
    private String fullJid;
    private String security = "no TLS";
    private String mechanism = "";
    private volatile boolean closing;
    private Thread readerThread;

    private XmppClient(String domain) {
        this.domain = domain;
    }

    /**
     * Connects and logs in; returns once the resource is bound (and the session established).
     *
     * @param domain   the XMPP domain ({@code to} of the stream, the JID's domain)
     * @param resource the resource to bind, or null to let the server choose
     * @param timeout  for the TCP connect and each step of the negotiation
     * @throws IOException when the server cannot be reached, refuses the login or the binding, or a step
     *                     times out (the message says which)
     */
    public static XmppClient connect(String host, int port, String domain, String user, String password,
                                     String resource, Duration timeout) throws IOException {
        XmppClient client = new XmppClient(domain);
        try {
            client.negotiate(host, port, user, password, resource, timeout);
        } catch (IOException | RuntimeException e) {
            client.closeSocket();
            throw e;
        }
        return client;
    }

    /** The JID the server bound, {@code user@domain/resource}. */
    public String fullJid() {
        return fullJid;
    }

    /** Sends raw XML (one or more stanzas, in the stream's default namespace {@code jabber:client}). */
    public void send(String xml) throws IOException {
        synchronized (writeLock) {
            if (out == null) {
                throw new IOException("not connected");
            }
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Sends a stanza element (dom4j writes the namespace declarations it needs). */
    public void send(Element stanza) throws IOException {
        send(stanza.asXML());
    }

    /**
     * The next stanza received, waiting at most {@code timeout}; null when none came in time.
     * Stanzas that arrived before the stream ended are still handed out after it ended.
     *
     * @throws IOException when the stream has ended (closed by either side, a stream error or a broken
     *                     connection) and no stanza is left; the message says why
     */
    public Element receive(Duration timeout) throws IOException {
        Object item;
        try {
            item = incoming.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a stanza");
        }
        if (item instanceof Closed closed) {
            incoming.add(closed); // keep the end visible to later calls (only this thread takes)
            throw new EOFException(closed.reason());
        }
        return (Element) item;
    }

    /**
     * Ends the stream ({@code </stream:stream>}), waits briefly for the server to end its side, and closes
     * the connection. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closing) {
            closing = true;
            try {
                send("</stream:stream>");
                readerDone.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // already broken: nothing to end politely
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeSocket();
        if (readerThread != null) {
            try {
                readerThread.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "XmppClient[" + fullJid + ", " + security + ", SASL " + mechanism + "]";
    }

    // ---- negotiation --------------------------------------------------------------------------------

    private void negotiate(String host, int port, String user, String password, String resource,
                           Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), millis);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(millis); // every read of the negotiation is bounded
        out = socket.getOutputStream();

        Element features = openStream(socket.getInputStream());
        if (child(features, NS_TLS, "starttls") != null) {
            send("<starttls xmlns='" + NS_TLS + "'/>");
            Element answer = expect("<proceed/>");
            if (!is(answer, NS_TLS, "proceed")) {
                throw new IOException("STARTTLS refused: " + answer.asXML());
            }
            startTls(port, millis);
            security = "STARTTLS";
            features = openStream(socket.getInputStream());
        }

        List<String> mechanisms = new ArrayList<>();
        Element offered = child(features, NS_SASL, "mechanisms");
        if (offered != null) {
            for (Element m : offered.elements("mechanism")) {
                mechanisms.add(m.getTextTrim());
            }
        }
        if (mechanisms.contains("SCRAM-SHA-1")) {
            mechanism = "SCRAM-SHA-1";
            scramSha1(user, password);
        } else if (mechanisms.contains("PLAIN")) {
            mechanism = "PLAIN";
            plain(user, password);
        } else {
            throw new IOException("no supported SASL mechanism offered (server offers " + mechanisms + ")");
        }
        features = openStream(socket.getInputStream());

        if (child(features, NS_BIND, "bind") == null) {
            throw new IOException("server did not offer resource binding");
        }
        String bindId = nextId("bind");
        send("<iq type='set' id='" + bindId + "'><bind xmlns='" + NS_BIND + "'>"
                + (resource == null || resource.isEmpty() ? "" : "<resource>" + escape(resource) + "</resource>")
                + "</bind></iq>");
        Element bound = expect("the bind result");
        Element jid = child(child(bound, NS_BIND, "bind"), NS_BIND, "jid");
        if (!"result".equals(bound.attributeValue("type")) || !bindId.equals(bound.attributeValue("id"))) {
            throw new IOException("resource binding failed: " + bound.asXML());
        }
        if (jid == null || jid.getTextTrim().isEmpty()) {
            throw new IOException("bind result without a JID: " + bound.asXML());
        }
        fullJid = jid.getTextTrim();

        Element session = child(features, NS_SESSION, "session");
        if (session != null && child(session, NS_SESSION, "optional") == null) {
            send("<iq type='set' id='" + nextId("session") + "'><session xmlns='" + NS_SESSION + "'/></iq>");
            Element result = expect("the session result");
            if (!"result".equals(result.attributeValue("type"))) {
                throw new IOException("session establishment failed: " + result.asXML());
            }
        }

        socket.setSoTimeout(0); // from now on the reader thread waits as long as the stream lives
        readerThread = new Thread(this::readLoop, "xmpp-reader-" + fullJid);
        readerThread.setDaemon(true);
        readerThread.start();
    }

    /** Sends our stream header and reads the server's, then its features. */
    private Element openStream(InputStream in) throws IOException {
        send("<?xml version='1.0'?><stream:stream xmlns='" + NS_CLIENT + "' xmlns:stream='" + NS_STREAM
                + "' to='" + escape(domain) + "' version='1.0' xml:lang='en'>");
        reader = new StanzaReader(in);
        Element features = expect("<stream:features/>");
        if (!is(features, NS_STREAM, "features")) {
            throw new IOException("expected <stream:features/>, got " + features.asXML());
        }
        return features;
    }

    /** The next element during the negotiation: a stream error, an end or a timeout becomes an exception. */
    private Element expect(String what) throws IOException {
        Element element;
        try {
            element = reader.next();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("timed out waiting for " + what);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + " (while waiting for " + what + ")", e);
        }
        if (element == null) {
            throw new EOFException("server closed the stream while we waited for " + what);
        }
        if (is(element, NS_STREAM, "error")) {
            throw new IOException("stream error while waiting for " + what + ": " + element.asXML());
        }
        return element;
    }

    private void startTls(int port, int millis) throws IOException {
        SSLSocket tls = (SSLSocket) trustAllContext().getSocketFactory().createSocket(socket, domain, port, true);
        tls.setUseClientMode(true);
        tls.setSoTimeout(millis);
        tls.startHandshake();
        synchronized (writeLock) {
            socket = tls;
            out = tls.getOutputStream();
        }
    }

    /**
     * Accepts any certificate. Acceptable ONLY because this client is used against test servers on
     * loopback addresses, which present self-signed certificates; it gives no protection at all.
     */
    private static SSLContext trustAllContext() throws IOException {
        X509ExtendedTrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS context: " + e.getMessage(), e);
        }
    }

    private void plain(String user, String password) throws IOException {
        byte[] message = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        send("<auth xmlns='" + NS_SASL + "' mechanism='PLAIN'>" + Base64.getEncoder().encodeToString(message)
                + "</auth>");
        Element answer = expect("the SASL result");
        if (!is(answer, NS_SASL, "success")) {
            throw new IOException("authentication failed: " + answer.asXML());
        }
    }

    private void scramSha1(String user, String password) throws IOException {
        ScramSha1 scram = new ScramSha1(user, password);
        send("<auth xmlns='" + NS_SASL + "' mechanism='SCRAM-SHA-1'>" + base64(scram.clientFirst()) + "</auth>");
        Element challenge = expect("the SASL challenge");
        if (!is(challenge, NS_SASL, "challenge")) {
            throw new IOException("authentication failed: " + challenge.asXML());
        }
        String clientFinal = scram.clientFinal(unbase64(challenge.getTextTrim()));
        send("<response xmlns='" + NS_SASL + "'>" + base64(clientFinal) + "</response>");
        Element answer = expect("the SASL result");
        if (!is(answer, NS_SASL, "success")) {
            throw new IOException("authentication failed: " + answer.asXML());
        }
        String serverFinal = answer.getTextTrim();
        if (!serverFinal.isEmpty() && !scram.verifyServerFinal(unbase64(serverFinal))) {
            throw new IOException("SCRAM: the server's signature is wrong (it does not know the password)");
        }
    }

    // ---- after negotiation --------------------------------------------------------------------------

    private void readLoop() {
        String reason = "server closed the stream";
        try {
            Element element;
            while ((element = reader.next()) != null) {
                if (is(element, NS_STREAM, "error")) {
                    reason = "stream error: " + element.asXML();
                    break;
                }
                if (!answerServerQuery(element)) {
                    incoming.add(element);
                }
            }
        } catch (IOException | RuntimeException e) {
            reason = closing ? "stream closed by this client" : "connection error: " + e.getMessage();
        } finally {
            incoming.add(new Closed(reason));
            readerDone.countDown();
        }
    }

    /** Answers a ping, version or disco#info query from the server itself; true when it was one. */
    private boolean answerServerQuery(Element element) {
        if (!"iq".equals(element.getName()) || !"get".equals(element.attributeValue("type"))
                || element.elements().size() != 1) {
            return false;
        }
        String from = element.attributeValue("from");
        if (from != null && !from.equals(domain)) {
            return false;
        }
        String ns = element.elements().get(0).getNamespaceURI();
        if (!ANSWERED_QUERIES.contains(ns)) {
            return false;
        }
        String id = escape(element.attributeValue("id", ""));
        String to = from == null ? "" : " to='" + escape(from) + "'";
        String answer = ns.equals("urn:xmpp:ping")
                ? "<iq type='result' id='" + id + "'" + to + "/>"
                : "<iq type='error' id='" + id + "'" + to + "><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>";
        try {
            send(answer);
        } catch (IOException e) {
            // the stream is going away; the reader will see that next
        }
        return true;
    }

    private void closeSocket() {
        Socket s;
        synchronized (writeLock) {
            s = socket;
            out = null;
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String nextId(String purpose) {
        return "xc-" + purpose + "-" + IDS.incrementAndGet();
    }

    private static boolean is(Element element, String namespace, String name) {
        return element != null && name.equals(element.getName()) && namespace.equals(element.getNamespaceURI());
    }

    private static Element child(Element parent, String namespace, String name) {
        if (parent == null) {
            return null;
        }
        for (Element child : parent.elements()) {
            if (is(child, namespace, name)) {
                return child;
            }
        }
        return null;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&apos;").replace("\"", "&quot;");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unbase64(String text) throws IOException {
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IOException("SASL: the server sent bad base64: " + text, e);
        }
    }
}
