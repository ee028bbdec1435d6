package net.mucaffiliationnotify.openfire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

/** The expiry of requests and the sweep run on threads of their own. */
public class BackgroundTasksTest {
    /**
     * A sweep that hangs (a slow group provider, a huge service) does not hold up the expiry of requests
     * and their held replies (issue 12). 1.2.0 ran both on one thread; with one thread this test fails.
     */
    @Test
    public void aHangingSweepDoesNotHoldUpTheExpiry() throws Exception {
        final CountDownLatch sweepHangs = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch expired = new CountDownLatch(2);
        final BackgroundTasks tasks = BackgroundTasks.start(expired::countDown, Duration.ofMillis(50), () -> {
            sweepHangs.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(10));
        try {
            assertTrue(sweepHangs.await(5, TimeUnit.SECONDS));
            assertTrue("the expiry ran twice while the sweep hung", expired.await(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            tasks.stop(() -> { });
        }
    }

    @Test
    public void stopRunsTheSweepThreadsLastWorkThereAndEndsBothThreads() throws Exception {
        final AtomicReference<String> sweepThread = new AtomicReference<>();
        final AtomicReference<String> releasedOn = new AtomicReference<>();
        final BackgroundTasks tasks = BackgroundTasks.start(() -> { }, Duration.ofMillis(20),
            () -> sweepThread.set(Thread.currentThread().getName()), Duration.ofMillis(5));
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sweepThread.get() == null && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        tasks.stop(() -> releasedOn.set(Thread.currentThread().getName()));

        assertEquals(MucAffiliationNotifyPlugin.SWEEP_THREAD, sweepThread.get());
        assertEquals("a cluster lock is given up on the thread that took it", MucAffiliationNotifyPlugin.SWEEP_THREAD,
            releasedOn.get());
        assertEquals(0, Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
            .filter(t -> t.getName().equals(MucAffiliationNotifyPlugin.SWEEP_THREAD)
                || t.getName().equals(MucAffiliationNotifyPlugin.HOUSEKEEPING_THREAD)).count());
    }
}
