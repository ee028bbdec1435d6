package net.mucaffiliationnotify.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The plugin's class files link on every supported Openfire release: each release's API, recorded from
 * its real jars by {@code src/test/openfire-api/record.sh}, offers every Openfire and Tinder class, method
 * and field the plugin references, with the same descriptor. The compiler only saw one API (the stand-in
 * or one real xmppserver); this is what catches a call that another release changed, such as
 * {@code SystemProperty.setValue} returning a value since 5.2.
 */
public class OpenfireApiCompatibilityTest {
    static final Path API_DIR = Path.of("src/test/openfire-api");
    private static final Path PLUGIN_CLASSES = Path.of("target/classes/net/mucaffiliationnotify");
    private static final Path STAND_IN_CLASSES = Path.of("target/classes/org");

    private static Map<String, ApiSurface> releases;

    @BeforeClass
    public static void readReleases() throws IOException {
        releases = supportedReleases();
    }

    /** @return every recorded release, oldest first */
    static Map<String, ApiSurface> supportedReleases() throws IOException {
        final Map<String, ApiSurface> result = new TreeMap<>(OpenfireApiCompatibilityTest::compareVersions);
        try (Stream<Path> files = Files.list(API_DIR)) {
            for (final Path file : files.filter(p -> p.toString().endsWith(".api")).toList()) {
                final String label = file.getFileName().toString().replaceFirst("\\.api$", "");
                result.put(label, ApiSurface.read(file, label));
            }
        }
        return result;
    }

    @Test
    public void pluginLinksOnEverySupportedRelease() throws IOException {
        assertTrue("no release recorded in " + API_DIR, releases.size() >= 3);
        final PluginClasses plugin = PluginClasses.read(PLUGIN_CLASSES);
        assertTrue("no plugin classes under " + PLUGIN_CLASSES, plugin.classes.size() > 50);
        final long openfireRefs = plugin.members.stream().filter(r -> ApiSurface.covers(r.owner())).count();
        final List<String> problems = new ArrayList<>();
        for (final ApiSurface api : releases.values()) {
            final List<String> found = LinkageCheck.problems(plugin, api);
            System.out.printf("Openfire %-16s %4d classes of the plugin, %4d Openfire/Tinder member references: %d problems%n",
                api.label(), plugin.classes.size(), openfireRefs, found.size());
            found.forEach(p -> problems.add("Openfire " + api.label() + ": " + p));
        }
        assertEquals("the plugin would fail to link:\n" + String.join("\n", problems), 0, problems.size());
    }

    /**
     * The stand-in the default build compiles against declares nothing a release lacks: a member it
     * invented or got wrong would let the plugin compile against what no Openfire offers.
     */
    @Test
    public void standInDeclaresOnlyWhatEveryReleaseOffers() throws IOException {
        if (!Files.isDirectory(STAND_IN_CLASSES)) {
            System.out.println("Compiled against a real xmppserver (-Dopenfire.real): no stand-in to compare");
            return;
        }
        final PluginClasses standIn = PluginClasses.read(STAND_IN_CLASSES);
        final List<String> problems = new ArrayList<>();
        for (final ApiSurface api : releases.values()) {
            for (final PluginClasses.PluginClass c : standIn.classes.values()) {
                if (!public_(c.access())) {
                    continue; // the stand-in's own helpers, invisible to the plugin
                }
                if (api.type(c.name()).isEmpty()) {
                    problems.add("Openfire " + api.label() + " has no class " + c.name());
                    continue;
                }
                final ApiSurface.ApiClass real = api.type(c.name()).get();
                c.methods().forEach((key, access) -> {
                    if (public_(access) && !real.methods().containsKey(key)) {
                        problems.add("Openfire " + api.label() + ": " + c.name() + "." + key + " is the stand-in's invention");
                    }
                });
                c.fields().forEach((key, access) -> {
                    if (public_(access) && !real.fields().containsKey(key)) {
                        problems.add("Openfire " + api.label() + ": field " + c.name() + "." + key + " is the stand-in's invention");
                    }
                });
            }
        }
        assertEquals(String.join("\n", problems), 0, problems.size());
    }

    private static boolean public_(int access) {
        return (access & (org.objectweb.asm.Opcodes.ACC_PUBLIC | org.objectweb.asm.Opcodes.ACC_PROTECTED)) != 0
            && (access & org.objectweb.asm.Opcodes.ACC_SYNTHETIC) == 0;
    }

    /** plugin.xml claims no older Openfire than the oldest release the check links against. */
    @Test
    public void minServerVersionIsTheOldestCheckedRelease() throws IOException {
        final Matcher m = Pattern.compile("<minServerVersion>([^<]+)</minServerVersion>")
            .matcher(Files.readString(Path.of("plugin.xml")));
        assertTrue("plugin.xml has no minServerVersion", m.find());
        final String oldest = releases.keySet().iterator().next();
        assertEquals("plugin.xml's minServerVersion must be the oldest release recorded in " + API_DIR,
            oldest, m.group(1));
        assertFalse(oldest.contains("SNAPSHOT"));
    }

    /** Numeric by part; a -SNAPSHOT comes before its release and after every earlier one. */
    static int compareVersions(String a, String b) {
        final String[] x = a.split("[.-]");
        final String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            final String p = i < x.length ? x[i] : "";
            final String q = i < y.length ? y[i] : "";
            final int c = Comparator.<String, Boolean>comparing(s -> !s.matches("\\d+"))
                .thenComparing(s -> s.matches("\\d+") ? Integer.parseInt(s) : 0)
                .thenComparing(s -> s.isEmpty() ? 1 : 0)
                .thenComparing(Comparator.naturalOrder())
                .compare(p, q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
