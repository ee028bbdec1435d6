package net.mucaffiliationnotify.live.xmpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.dom4j.Attribute;
import org.dom4j.Element;

/**
 * A scripted XMPP server on loopback for tests of {@link XmppClient} and the scenario runner: no TLS,
 * SASL PLAIN for any user with the password "password", resource binding, then it answers pings to its
 * domain, echoes messages back to the sender (from and to swapped) and records every stanza it got.
 * Optionally it sends a ping of its own right after the bind (a client must answer it and not hand
 * it on). When the client ends its stream it ends its own.
 */
public final class FakeXmppServer implements AutoCloseable {

    private static final String DOMAIN = "localhost";

    private final ServerSocket listener;
    private final boolean pingAfterBind;
    private final List<Element> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> connections = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    private FakeXmppServer(boolean pingAfterBind) throws IOException {
        this.pingAfterBind = pingAfterBind;
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-xmpp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts listening on an ephemeral loopback port. */
    public static FakeXmppServer start(boolean pingAfterBind) throws IOException {
        return new FakeXmppServer(pingAfterBind);
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The stanzas clients sent after binding (pings included), in arrival order. */
    public List<Element> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (connections) {
            for (Socket socket : connections) {
                socket.close();
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.add(socket);
                Thread session = new Thread(() -> serve(socket), "fake-xmpp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            StanzaReader reader = new StanzaReader(in);
            write(out, header() + "<stream:features><mechanisms xmlns='" + XmppClient.NS_SASL + "'>"
                    + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>");
            Element auth = reader.next();
            String[] credentials = new String(Base64.getDecoder().decode(auth.getTextTrim()), StandardCharsets.UTF_8)
                    .split("\0", -1);
            if (!"PLAIN".equals(auth.attributeValue("mechanism")) || credentials.length != 3
                    || !"password".equals(credentials[2])) {
                write(out, "<failure xmlns='" + XmppClient.NS_SASL + "'><not-authorized/></failure></stream:stream>");
                return;
            }
            String user = credentials[1];
            write(out, "<success xmlns='" + XmppClient.NS_SASL + "'/>");

            reader = new StanzaReader(in);
            write(out, header() + "<stream:features><bind xmlns='" + XmppClient.NS_BIND + "'/></stream:features>");
            Element bind = reader.next();
            Element resource = bind.element("bind").element("resource");
            String fullJid = user + "@" + DOMAIN + "/" + (resource != null ? resource.getTextTrim() : "generated");
            write(out, "<iq type='result' id='" + bind.attributeValue("id") + "'><bind xmlns='" + XmppClient.NS_BIND
                    + "'><jid>" + fullJid + "</jid></bind></iq>");
            if (pingAfterBind) {
                write(out, "<iq type='get' id='server-ping' from='" + DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            }

            Element stanza;
            while ((stanza = reader.next()) != null) {
                received.add(stanza);
                if (stanza.getName().equals("iq") && stanza.element("ping") != null
                        && DOMAIN.equals(stanza.attributeValue("to"))) {
                    write(out, "<iq type='result' id='" + stanza.attributeValue("id") + "' from='" + DOMAIN + "'/>");
                } else if (stanza.getName().equals("message")) {
                    write(out, echo(stanza, fullJid));
                }
            }
            write(out, "</stream:stream>");
        } catch (IOException | RuntimeException e) {
            // the client went away or sent something unexpected: the session ends
        }
    }

    /** The message back to its sender: from its "to", to the sender, everything else as it was. */
    private static String echo(Element message, String sender) {
        Element copy = message.createCopy();
        String to = copy.attributeValue("to");
        for (Attribute attribute : new ArrayList<>(copy.attributes())) {
            if (attribute.getName().equals("to") || attribute.getName().equals("from")) {
                copy.remove(attribute);
            }
        }
        copy.addAttribute("from", to);
        copy.addAttribute("to", sender);
        return copy.asXML();
    }

    private static String header() {
        return "<?xml version='1.0' encoding='UTF-8'?><stream:stream xmlns='jabber:client' xmlns:stream='"
                + XmppClient.NS_STREAM + "' from='" + DOMAIN + "' id='fake' version='1.0'>";
    }

    private static void write(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
