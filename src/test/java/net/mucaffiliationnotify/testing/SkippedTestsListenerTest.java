package net.mucaffiliationnotify.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.AssumptionViolatedException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The listener under a real JUnit Platform launcher, fed by an engine that reports what the vintage engine
 * reports for JUnit 4 tests: a failed {@code @BeforeClass} assumption aborts the class and says nothing of its
 * tests; {@code @Ignore} skips; a failed assumption in a test aborts that test.
 */
public class SkippedTestsListenerTest {
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void groupsSkipsByClassAndReasonCountingEachTestOnce() throws Exception {
        final Path file = folder.getRoot().toPath().resolve("reports/skipped-tests.txt");
        run(new ScriptedEngine(), file);
        assertEquals(List.of(
            "IgnoredClassTest: 3 skipped — the whole class",
            "MixedTest: 1 skipped — demo",
            "MixedTest: 1 skipped — no reason given",
            "MixedTest: 1 skipped — not today",
            "PostgresLikeTest: 20 skipped — PostgreSQL is not reachable",
            "SkippedThenAbortedTest: 1 skipped — inner"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    public void noSkipsNoFileAndAStaleFileGoes() throws Exception {
        final Path file = folder.getRoot().toPath().resolve("skipped-tests.txt");
        Files.write(file, List.of("OldTest: 1 skipped — from an earlier run"), StandardCharsets.UTF_8);
        run(new ScriptedEngine("passing.OnlyPassingTest"), file);
        assertFalse(Files.exists(file));
    }

    @Test
    public void plansInOneJvmAddUp() throws Exception {
        final Path file = folder.getRoot().toPath().resolve("skipped-tests.txt");
        final SkippedTestsListener listener = new SkippedTestsListener();
        run(new ScriptedEngine("a.MixedTest"), file, listener);
        run(new ScriptedEngine("b.PostgresLikeTest"), file, listener);
        assertEquals(List.of(
            "MixedTest: 1 skipped — demo",
            "MixedTest: 1 skipped — no reason given",
            "MixedTest: 1 skipped — not today",
            "PostgresLikeTest: 20 skipped — PostgreSQL is not reachable"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    public void registeredAsAServiceForTheLauncher() {
        boolean found = false;
        for (TestExecutionListener registered : ServiceLoader.load(TestExecutionListener.class)) {
            found |= registered instanceof SkippedTestsListener;
        }
        assertTrue("META-INF/services/org.junit.platform.launcher.TestExecutionListener names the listener", found);
    }

    private static SkippedTestsListener run(TestEngine engine, Path file) {
        return run(engine, file, new SkippedTestsListener());
    }

    /** Runs the engine with only the given listener (the build's own, registered as a service, stays out). */
    private static SkippedTestsListener run(TestEngine engine, Path file, SkippedTestsListener listener) {
        final Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
            .enableTestEngineAutoRegistration(false)
            .enableTestExecutionListenerAutoRegistration(false)
            .enableLauncherSessionListenerAutoRegistration(false)
            .enableLauncherDiscoveryListenerAutoRegistration(false)
            .enablePostDiscoveryFilterAutoRegistration(false)
            .addTestEngines(engine)
            .build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(engine.getId())))
            .build(), new TestExecutionListener() {
                @Override
                public void testPlanExecutionStarted(org.junit.platform.launcher.TestPlan testPlan) {
                    listener.testPlanExecutionStarted(testPlan);
                }

                @Override
                public void executionStarted(org.junit.platform.launcher.TestIdentifier identifier) {
                    listener.executionStarted(identifier);
                }

                @Override
                public void executionSkipped(org.junit.platform.launcher.TestIdentifier identifier, String reason) {
                    listener.executionSkipped(identifier, reason);
                }

                @Override
                public void executionFinished(org.junit.platform.launcher.TestIdentifier identifier, TestExecutionResult result) {
                    listener.executionFinished(identifier, result);
                }

                @Override
                public void testPlanExecutionFinished(org.junit.platform.launcher.TestPlan testPlan) {
                    listener.writeTo(file); // as testPlanExecutionFinished does, to this file
                }
            });
        return listener;
    }

    /** Test classes as the vintage engine reports them; which class does what follows from its simple name. */
    private static final class ScriptedEngine implements TestEngine {
        private final List<String> classes;

        ScriptedEngine(String... classes) {
            this.classes = classes.length > 0 ? List.of(classes) : List.of("a.PostgresLikeTest", "b.MixedTest",
                "c.IgnoredClassTest", "d.SkippedThenAbortedTest", "e.AbortedAfterItsTestsRanTest", "f.PassingTest");
        }

        @Override
        public String getId() {
            return "skip-script";
        }

        @Override
        public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
            final EngineDescriptor engine = new EngineDescriptor(uniqueId, "scripted");
            for (String name : classes) {
                final Node testClass = new Node(uniqueId.append("runner", name), name, ClassSource.from(name), false);
                engine.addChild(testClass);
                final List<String> methods = new ArrayList<>();
                if (name.endsWith("PostgresLikeTest")) {
                    for (int i = 0; i < 20; i++) {
                        methods.add("test" + i);
                    }
                } else if (name.endsWith("MixedTest")) {
                    methods.addAll(List.of("ignored", "ignoredNoReason", "assumes", "passes"));
                } else {
                    methods.addAll(List.of("one", "two", "three"));
                }
                for (String method : methods) {
                    testClass.addChild(new Node(testClass.getUniqueId().append("test", method), method,
                        MethodSource.from(name, method), true));
                }
            }
            return engine;
        }

        @Override
        public void execute(ExecutionRequest request) {
            final EngineExecutionListener events = request.getEngineExecutionListener();
            final TestDescriptor engine = request.getRootTestDescriptor();
            events.executionStarted(engine);
            for (TestDescriptor testClass : engine.getChildren()) {
                final String name = testClass.getDisplayName();
                final List<TestDescriptor> tests = new ArrayList<>(testClass.getChildren());
                if (name.endsWith("IgnoredClassTest")) {
                    events.executionSkipped(testClass, "the whole class");
                    continue;
                }
                events.executionStarted(testClass);
                if (name.endsWith("PostgresLikeTest")) {
                    events.executionFinished(testClass, TestExecutionResult.aborted(new AssumptionViolatedException(
                        "PostgreSQL is not reachable", false, org.hamcrest.CoreMatchers.is(true))));
                    continue;
                }
                if (name.endsWith("MixedTest")) {
                    events.executionSkipped(tests.get(0), "not today");
                    events.executionSkipped(tests.get(1), "");
                    events.executionStarted(tests.get(2));
                    events.executionFinished(tests.get(2), TestExecutionResult.aborted(new AssumptionViolatedException("demo")));
                    events.executionStarted(tests.get(3));
                    events.executionFinished(tests.get(3), TestExecutionResult.successful());
                    events.executionFinished(testClass, TestExecutionResult.successful());
                    continue;
                }
                if (name.endsWith("SkippedThenAbortedTest")) {
                    events.executionSkipped(tests.get(0), "inner");
                    for (TestDescriptor test : tests.subList(1, tests.size())) {
                        events.executionStarted(test);
                        events.executionFinished(test, TestExecutionResult.successful());
                    }
                    events.executionFinished(testClass, TestExecutionResult.aborted(new AssumptionViolatedException("outer")));
                    continue;
                }
                for (TestDescriptor test : tests) {
                    events.executionStarted(test);
                    events.executionFinished(test, TestExecutionResult.successful());
                }
                events.executionFinished(testClass, name.endsWith("AbortedAfterItsTestsRanTest")
                    ? TestExecutionResult.aborted(new AssumptionViolatedException("in @AfterClass"))
                    : TestExecutionResult.successful());
            }
            events.executionFinished(engine, TestExecutionResult.successful());
        }
    }

    private static final class Node extends AbstractTestDescriptor {
        private final boolean test;

        Node(UniqueId uniqueId, String displayName, org.junit.platform.engine.TestSource source, boolean test) {
            super(uniqueId, displayName, source);
            this.test = test;
        }

        @Override
        public Type getType() {
            return test ? Type.TEST : Type.CONTAINER;
        }
    }
}
