package org.jivesoftware.openfire.stats;

/**
 * Stand-in for Openfire's {@code i18nStatistic}: name, description and units are the texts
 * {@code stat.KEY.name}, {@code stat.KEY.desc} and {@code stat.KEY.units} of the plugin's i18n bundle. The
 * stand-in answers with those keys.
 */
public abstract class i18nStatistic implements Statistic {
    private final String resourceKey;
    private final Type statisticType;

    public i18nStatistic(String resourceKey, Statistic.Type statisticType) {
        this(resourceKey, null, statisticType);
    }

    public i18nStatistic(String resourceKey, String pluginName, Statistic.Type statisticType) {
        this.resourceKey = resourceKey;
        this.statisticType = statisticType;
    }

    @Override
    public final String getName() {
        return "stat." + resourceKey + ".name";
    }

    @Override
    public final Type getStatType() {
        return statisticType;
    }

    @Override
    public final String getDescription() {
        return "stat." + resourceKey + ".desc";
    }

    @Override
    public final String getUnits() {
        return "stat." + resourceKey + ".units";
    }
}
