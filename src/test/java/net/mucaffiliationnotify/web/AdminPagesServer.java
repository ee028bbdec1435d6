package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertNotNull;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;

import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The admin pages in an embedded Jetty 12 EE8, laid out as Openfire serves them: the admin console at
 * context path "/", each servlet of web/WEB-INF/web.xml at /plugins/mucaffiliationnotify + its url-pattern,
 * behind the emulation of Openfire's login and CSRF check.
 */
final class AdminPagesServer implements AutoCloseable {
    static final String PLUGIN_ROOT = "/plugins/mucaffiliationnotify/";

    private final Server server;
    private final URI base;

    private AdminPagesServer(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    /**
     * @param servlets the servlet instances, by class name (each class web.xml names must be given)
     * @param csrfProtectionEnabled whether the emulated PluginServlet checks CSRF tokens (plugin.xml says true)
     * @param decorate whether to frame the pages roughly as Openfire's decorator does (for screenshots)
     */
    static AdminPagesServer start(Map<String, HttpServlet> servlets, boolean csrfProtectionEnabled, boolean decorate)
        throws Exception {
        final Server server = new Server();
        final ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        final ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new OpenfireEmulationFilter(csrfProtectionEnabled)), "/plugins/*",
            EnumSet.of(DispatcherType.REQUEST));
        if (decorate) {
            context.addFilter(new FilterHolder(new DecoratorEmulationFilter()), "/plugins/*",
                EnumSet.of(DispatcherType.REQUEST));
        }
        for (Map.Entry<String, List<String>> servlet : WebXml.read().servlets.entrySet()) {
            final HttpServlet instance = servlets.get(servlet.getKey());
            assertNotNull("no test instance of " + servlet.getKey(), instance);
            for (String pattern : servlet.getValue()) {
                context.addServlet(new ServletHolder(instance), "/plugins/mucaffiliationnotify" + pattern);
            }
        }
        server.setHandler(context);
        server.start();
        return new AdminPagesServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    /**
     * @param relative a page's address relative to the plugin's folder, e.g. {@code mucaffiliationnotify-room?roomJID=…}
     */
    URI page(String relative) {
        return base.resolve(PLUGIN_ROOT + relative);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test server", e);
        }
    }
}
