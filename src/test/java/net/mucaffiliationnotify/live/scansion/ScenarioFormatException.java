package net.mucaffiliationnotify.live.scansion;

/** A scenario file that does not follow the format; the message starts with "file:line:". */
public final class ScenarioFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String scenario;
    private final int line;

    ScenarioFormatException(String scenario, int line, String problem) {
        super(scenario + (line > 0 ? ":" + line : "") + ": " + problem);
        this.scenario = scenario;
        this.line = line;
    }

    /** The scenario's name (its path). */
    public String scenario() {
        return scenario;
    }

    /** The 1-based line of the problem, 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
