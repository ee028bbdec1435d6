package net.mucaffiliationnotify.openfire;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's periodic tasks, each on its own daemon thread: the expiry of requests whose end never
 * came (which delivers their held replies) and the sweep for changes made outside XMPP. Apart, so that a slow
 * sweep (a large service, a slow group provider) never holds up a held reply; 1.2.0 ran both on one thread.
 */
final class BackgroundTasks {
    private static final Logger Log = LoggerFactory.getLogger(BackgroundTasks.class);

    private final ScheduledExecutorService housekeeping;
    private final ScheduledExecutorService sweeper;
    private final ScheduledExecutorService release;

    private BackgroundTasks(ScheduledExecutorService housekeeping, ScheduledExecutorService sweeper,
                            ScheduledExecutorService release) {
        this.housekeeping = housekeeping;
        this.sweeper = sweeper;
        this.release = release;
    }

    /**
     * @param expiry the expiry of lost requests (and the refresh of the MUC domains)
     * @param expiryPeriod between two runs of it, also before the first
     * @param sweep the sweep's tick
     * @param sweepPeriod between two ticks, also before the first
     * @return the running tasks
     */
    static BackgroundTasks start(Runnable expiry, Duration expiryPeriod, Runnable sweep, Duration sweepPeriod) {
        final BackgroundTasks tasks = new BackgroundTasks(thread(MucAffiliationNotifyPlugin.HOUSEKEEPING_THREAD),
            thread(MucAffiliationNotifyPlugin.SWEEP_THREAD), thread(MucAffiliationNotifyPlugin.RELEASE_THREAD));
        tasks.housekeeping.scheduleWithFixedDelay(expiry, expiryPeriod.toMillis(), expiryPeriod.toMillis(),
            TimeUnit.MILLISECONDS);
        tasks.sweeper.scheduleWithFixedDelay(sweep, sweepPeriod.toMillis(), sweepPeriod.toMillis(),
            TimeUnit.MILLISECONDS);
        return tasks;
    }

    /**
     * Runs a short task periodically on a thread of its own (the release of announcements that waited for an
     * earlier one), so that neither the expiry nor the sweep delays it.
     *
     * @param task the task; it must not block
     * @param period between two runs of it
     */
    void alsoEvery(Runnable task, Duration period) {
        release.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the threads.
     *
     * @param onSweepThread run on the sweep's thread first, waited for up to 5 s: what belongs to that thread
     *     (a cluster lock is its taker's) is given up there
     */
    void stop(Runnable onSweepThread) {
        try {
            sweeper.submit(onSweepThread).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Log.debug("Could not finish the sweep's work before stopping", e);
        }
        stop(sweeper);
        stop(housekeeping);
        stop(release);
    }

    private static void stop(ScheduledExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return a single daemon thread of that name for scheduled work (also the group checks' thread) */
    static ScheduledExecutorService thread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
