package net.mucaffiliationnotify.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes why tests were skipped to the file named by the system property {@value #FILE_PROPERTY} (the build
 * sets it to {@code target/surefire-reports/skipped-tests.txt}, prints the file after the tests and, under
 * {@code CI=true}, fails when it lists anything). Without the property, e.g. in an IDE, it does nothing.
 *
 * <p>A skip is a test or container the JUnit Platform reports as skipped ({@code @Ignore}) or aborted (a failed
 * assumption). A container's skip counts, with the container's reason, each test below it that never started:
 * when a {@code @BeforeClass} assumption fails the vintage engine reports the class aborted and nothing of its
 * tests. Registered through {@code META-INF/services}.</p>
 */
public final class SkippedTestsListener implements TestExecutionListener {
    public static final String FILE_PROPERTY = "mucaffiliationnotify.skippedTestsFile";

    private TestPlan plan;
    /** The current plan's skipped or aborted tests and containers, in the order reported, with their reasons. */
    private final Map<TestIdentifier, String> skips = new LinkedHashMap<>();
    /** The current plan's tests and containers that started. */
    private final Set<TestIdentifier> started = new HashSet<>();
    /** Every plan's so far: surefire may run one plan per test class in a JVM. */
    private final SkipReport total = new SkipReport();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        skips.clear();
        started.clear();
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        started.add(identifier);
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        skips.putIfAbsent(identifier, reason);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            skips.putIfAbsent(identifier, SkipReport.reasonOf(result.getThrowable().orElse(null)));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        final String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        writeTo(Paths.get(file));
    }

    /** Adds this plan's skips to those of earlier plans and writes them all; deletes the file when none. */
    void writeTo(Path file) {
        total.addAll(report());
        write(file, total);
    }

    /**
     * The skips of the plan, each test counted once: a skipped or aborted test with its own reason, a skipped or
     * aborted container with each test below it that never started (one without tests counts as one). A container
     * aborted after its tests ran (an assumption in {@code @AfterClass}) adds nothing: its tests ran.
     */
    SkipReport report() {
        final SkipReport report = new SkipReport();
        final Set<TestIdentifier> counted = new HashSet<>();
        skips.forEach((identifier, reason) -> {
            int tests = 0;
            if (identifier.isTest()) {
                tests = counted.add(identifier) ? 1 : 0;
            } else {
                boolean testsReported = false;
                for (TestIdentifier descendant : plan.getDescendants(identifier)) {
                    if (!descendant.isTest()) {
                        continue;
                    }
                    if (!started.contains(descendant) && counted.add(descendant)) {
                        tests++;
                    } else {
                        testsReported = true;
                    }
                }
                if (tests == 0 && !testsReported) {
                    tests = 1; // a container without tests: still something that did not run
                }
            }
            if (tests > 0) {
                report.add(testClassOf(identifier), reason, tests);
            }
        });
        return report;
    }

    /** The nearest class above (or at) the identifier; the legacy reporting name when no source tells. */
    private String testClassOf(TestIdentifier identifier) {
        String methodClass = null;
        for (Optional<TestIdentifier> current = Optional.of(identifier); current.isPresent();
                current = plan.getParent(current.get())) {
            final TestSource source = current.get().getSource().orElse(null);
            if (source instanceof ClassSource) {
                return ((ClassSource) source).getClassName();
            }
            if (source instanceof MethodSource && methodClass == null) {
                methodClass = ((MethodSource) source).getClassName();
            }
        }
        return methodClass != null ? methodClass : identifier.getLegacyReportingName();
    }

    private static void write(Path file, SkipReport report) {
        try {
            if (report.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, report.lines(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the skipped tests to " + file, e);
        }
    }
}
