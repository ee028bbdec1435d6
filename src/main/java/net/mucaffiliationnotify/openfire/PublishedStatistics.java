package net.mucaffiliationnotify.openfire;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.openfire.stats.Statistic;
import org.jivesoftware.openfire.stats.StatisticsManager;
import org.jivesoftware.openfire.stats.i18nStatistic;

import net.mucaffiliationnotify.statistics.Counter;
import net.mucaffiliationnotify.statistics.PluginCounters;

/**
 * Publishes the plugin's counters as Openfire statistics: over JMX
 * ({@code org.igniterealtime.openfire:type=Statistic,name=mucaffiliationnotify_…}, since Openfire 5.1) and
 * to the Monitoring plugin's graphs. Each is this node's total since the plugin started (a partial sample:
 * a cluster's nodes add up); names, descriptions and units come from the plugin's i18n texts
 * {@code stat.mucaffiliationnotify_<counter>.*}.
 */
final class PublishedStatistics {
    /** The plugin's canonical name: Openfire finds the i18n texts of statistics by it. */
    static final String CANONICAL_NAME = "mucaffiliationnotify";
    /** Prefix of the statistics' keys, so that they sort together and name their plugin. */
    static final String KEY_PREFIX = CANONICAL_NAME + "_";

    private final List<String> keys = new ArrayList<>();

    private PublishedStatistics() {
    }

    /**
     * @param counters the counters to publish
     * @return the published statistics, to {@link #withdraw()} when the plugin stops
     */
    static PublishedStatistics publish(PluginCounters counters) {
        final PublishedStatistics published = new PublishedStatistics();
        final Statistic.Type type = totalType();
        for (Counter counter : Counter.values()) {
            final String key = KEY_PREFIX + counter.key();
            StatisticsManager.getInstance().addStatistic(key,
                new i18nStatistic(key, CANONICAL_NAME, type) {
                    @Override
                    public double sample() {
                        return counters.value(counter);
                    }

                    @Override
                    public boolean isPartialSample() {
                        return true;
                    }
                });
            published.keys.add(key);
        }
        return published;
    }

    /** Removes the statistics from Openfire (and JMX). */
    void withdraw() {
        for (String key : keys) {
            StatisticsManager.getInstance().removeStatistic(key);
        }
        keys.clear();
    }

    /**
     * A running total is sampled as it stands: {@code amount} (Openfire 5.1 and later), else {@code count},
     * 5.0's name for it. Looked up by name, so that the jar links on 5.0, which has no {@code amount}.
     */
    static Statistic.Type totalType() {
        try {
            return Statistic.Type.valueOf("amount");
        } catch (IllegalArgumentException e) {
            return Statistic.Type.count;
        }
    }
}
