package net.mucaffiliationnotify.live.scansion;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import net.mucaffiliationnotify.live.xmpp.FakeXmppServer;

/** The command line: arguments, the table, the exit status. */
public class RunScenariosTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    public void badArgumentsExitWithTwo() {
        assertEquals(2, RunScenarios.run(new String[] {"--port"}, out));
        assertEquals(2, RunScenarios.run(new String[] {"--lenient"}, out));
        assertEquals(2, RunScenarios.run(new String[] {"--colour", "x.scs"}, out));
        assertTrue(output(), output().contains("usage: RunScenarios"));
    }

    @Test
    public void tableListsEachFileAndTheFirstMismatch() throws Exception {
        File good = folder.newFile("good.scs");
        Files.writeString(good.toPath(), "# Echo\n[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n"
                + "-----\nRomeo connects\nRomeo sends:\n\t<message to='echo@localhost'><body>hi</body></message>\n"
                + "Romeo receives:\n\t<message from='echo@localhost'><body>hi</body></message>\nRomeo disconnects\n");
        File bad = folder.newFile("bad.scs");
        Files.writeString(bad.toPath(), "# Broken\n[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo waves\n");

        try (FakeXmppServer server = FakeXmppServer.start(false)) {
            int status = RunScenarios.run(new String[] {"--host", server.host(), "--port", String.valueOf(server.port()),
                "--lenient", "--strict", "--timeout", "2", good.getPath(), bad.getPath()}, out);

            assertEquals(output(), 1, status);
        }
        String text = output();
        assertTrue(text, text.matches("(?s).*PASS +\\S*good\\.scs.*"));
        assertTrue(text, text.matches("(?s).*FAIL +\\S*bad\\.scs.*"));
        assertTrue(text, text.contains("line 5: " + bad.getPath() + ":5: cannot parse action line"));
        assertTrue(text, text.contains("1 passed, 1 failed"));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
