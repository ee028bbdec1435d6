package net.mucaffiliationnotify.live;

import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/**
 * The live suite: every scenario of src/test/scenarios and the stress check, with real XMPP clients, on a
 * real Openfire with the freshly built plugin installed through the admin console. Run by
 * {@code mvn -B -Plive verify -Dlive.openfire=/path/to/openfire} (a throwaway copy of that unpacked
 * distribution, started on 127.0.0.1 or {@code -Dlive.address}) or {@code -Dlive.host=…} (a running server);
 * see README, "Live tests". Prints a pass/fail table with the first mismatch of each failure.
 */
public class LiveSuiteIT {
    @Test
    public void everyScenarioPassesOnARealOpenfire() throws Exception {
        final Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("live."))
            .forEach(k -> properties.put(k, System.getProperty(k)));
        final Path build = Path.of(properties.getOrDefault("live.buildDirectory", "target"));
        final Path workDir = build.resolve("live-openfire")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final Path pluginJar = Path.of(properties.getOrDefault("live.pluginJar",
            build.resolve("mucaffiliationnotify.jar").toString()));
        final List<LivePlan.Run> runs = new ArrayList<>(LivePlan.standard(Path.of("src", "test", "scenarios")));
        final String extra = LiveTarget.value(properties, "live.scenarios");
        if (extra != null) {
            for (String file : extra.split(",")) {
                runs.add(LivePlan.extra(Path.of(file.trim())));
            }
        }
        final int stressRounds = Integer.parseInt(properties.getOrDefault("live.stressRounds", "60"));

        final LiveTarget target = LiveTarget.from(properties, workDir);
        final List<LiveCheck> checks;
        try {
            checks = LiveSuite.play(target, pluginJar, runs, stressRounds, line -> System.out.println("[live] " + line));
        } finally {
            if (target.instance() != null) {
                target.instance().stop();
            }
        }
        final String report = LiveReport.format(target.description(), checks);
        System.out.println(report);
        assertTrue(report, checks.stream().allMatch(LiveCheck::passed));
    }
}
