package org.jivesoftware.openfire.stats;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Stand-in for Openfire's {@code StatisticsManager}: a map of statistics by key. */
public class StatisticsManager {
    private static final StatisticsManager INSTANCE = new StatisticsManager();
    private final Map<String, Statistic> statistics = new ConcurrentHashMap<>();

    private StatisticsManager() {
    }

    public static StatisticsManager getInstance() {
        return INSTANCE;
    }

    public void addStatistic(String statKey, Statistic definition) {
        statistics.put(statKey, definition);
    }

    public Statistic getStatistic(String statKey) {
        return statistics.get(statKey);
    }

    public Set<Map.Entry<String, Statistic>> getAllStatistics() {
        return statistics.entrySet();
    }

    public void removeStatistic(String statKey) {
        statistics.remove(statKey);
    }
}
