package org.jivesoftware.openfire.stats;

/**
 * Stand-in for Openfire's {@code Statistic}, as every supported release declares it (5.0 has only the types
 * {@code rate} and {@code count}; {@code amount} and {@code getRepresentationSemantics} came with 5.1).
 */
public interface Statistic {
    String getName();

    Type getStatType();

    String getDescription();

    String getUnits();

    double sample();

    boolean isPartialSample();

    enum Type {
        rate,
        count
    }
}
