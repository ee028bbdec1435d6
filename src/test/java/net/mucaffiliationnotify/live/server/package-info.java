/**
 * The server side of the live suite: a real Openfire, set up and driven as an admin does.
 *
 * <ul>
 * <li>{@link net.mucaffiliationnotify.live.server.OpenfireInstance} copies an unpacked Openfire distribution into a
 * throwaway directory, configures it unattended ({@code <autosetup>}: embedded database, domain {@code localhost},
 * admin/admin, users user, user2, user3 with password {@code password}), binds it to one loopback address (client
 * port and admin console there, every other listener off), starts and stops it.</li>
 * <li>{@link net.mucaffiliationnotify.live.server.AdminConsole} logs into its admin console and fills in the forms
 * its pages serve: plugin upload, system properties, groups, persistent rooms, room affiliations, and the plugin's
 * own settings pages. Each step checks Openfire's answer and throws
 * {@link net.mucaffiliationnotify.live.server.AdminConsoleException} with the page's error text when the console
 * refused.</li>
 * </ul>
 *
 * <p>{@code LiveServerSetupTest} runs both against a real Openfire by hand:</p>
 * <pre>
 * mvn -o -B test -Dtest=LiveServerSetupTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlive.openfire=$HOME/ofbuild/src-v5.1.1/distribution/target/distribution-base -Dlive.address=127.0.0.8
 * </pre>
 * The normal build runs only the tests that need no server (OpenfireInstanceTest, AdminConsoleTest,
 * AdminConsoleHtmlTest); LiveServerSetupTest is skipped there.
 */
package net.mucaffiliationnotify.live.server;
