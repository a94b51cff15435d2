package io.firedrill.drill;

import io.firedrill.drill.DrillResult.Verdict;
import io.firedrill.scenario.Scenario;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;
import org.apache.kafka.common.utils.AppInfoParser;

import java.util.List;

/**
 * Runs drills: the one entry point the CLI ({@code drill run}) and the JUnit suite share. A drill
 * always ends with a result, PASS, FAIL or ERROR, and with everything it started torn down.
 */
public final class DrillRunner {

    private final DrillOptions options;

    public DrillRunner(DrillOptions options) {
        this.options = options;
    }

    /**
     * Runs one valid scenario.
     *
     * @throws BadInputException when the scenario asks for something the chosen backend cannot do;
     *                           nothing is left running then
     */
    public DrillResult run(Scenario scenario, DrillListener listener) {
        RunningDrill drill = new RunningDrill(scenario, options, listener);
        DrillResult result = drill.run();
        listener.finished(result);
        return result;
    }

    public static String kafkaVersion() {
        return AppInfoParser.getVersion();
    }

    /** An ERROR result for a drill that could not start at all. */
    static DrillResult error(Scenario scenario, String backend, long startedAtEpochMs, long durationMs,
                             Throwable cause, List<DrillResult.LogTail> logs) {
        String message = cause instanceof InfrastructureException infrastructure ? infrastructure.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new DrillResult(scenario.name(), scenario.description(), scenario.tags(),
                scenario.severity().keyword(), Verdict.ERROR, List.of(), message, kafkaVersion(), backend,
                startedAtEpochMs, durationMs, null, null, null, null, List.of(),
                new DrillResult.PhaseTimings(null, null, null, null, null),
                new DrillResult.DrillSeries(List.of(), List.of(), List.of()), logs,
                ExpectBounds.of(scenario.expect()));
    }
}
