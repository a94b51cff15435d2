package io.firedrill.drill;

import io.firedrill.drill.DrillResult.Verdict;
import io.firedrill.cluster.ClusterBackend;
import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.kafka.KafkaVersion;
import io.firedrill.kafka.KafkaVersions;
import io.firedrill.scenario.Scenario;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs drills: the one entry point the CLI ({@code drill run}) and the JUnit suite share. A drill
 * always ends with a result, PASS, FAIL or ERROR, and with everything it started torn down.
 */
public final class DrillRunner {

    private final DrillOptions options;
    private volatile RunningDrill running;
    private volatile String abortedBy;

    public DrillRunner(DrillOptions options) {
        this.options = options;
    }

    /**
     * Runs one valid scenario.
     *
     * @throws BadInputException when the scenario asks for something the chosen backend cannot do,
     *                           or for a Kafka version Maven cannot resolve; nothing is left running then
     */
    public DrillResult run(Scenario scenario, DrillListener listener) {
        resolveKafka(List.of(scenario));
        RunningDrill drill = new RunningDrill(scenario, options, listener);
        running = drill;
        if (abortedBy != null) {
            drill.abort(abortedBy);
        }
        DrillResult result;
        try {
            result = drill.run();
        } finally {
            running = null;
        }
        listener.finished(result);
        return result;
    }

    /**
     * Resolves the Kafka versions whose jars these drills run, once, before anything starts:
     * MirrorMaker 2 is always a child JVM; the brokers only on the process backend (containers
     * bring their own Kafka, external clusters are what they are). A version's first use also
     * records its class-data-sharing archive, so its brokers boot as fast as the harness's own.
     *
     * @throws BadInputException naming the artifact Maven could not get and where it looked
     */
    public void resolveKafka(Collection<Scenario> scenarios) {
        List<KafkaVersion> needed = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            KafkaVersions versions = scenario.kafkaVersions();
            needed.add(versions.mirrormaker());
            if (ClusterBackend.PROCESS.equals(options.backend())) {
                needed.add(versions.primary());
                needed.add(versions.backup());
            }
        }
        KafkaDistribution.resolveAll(needed);
        needed.stream().distinct().sorted().forEach(version -> ClassDataArchiveTool.ensure(version, System.err));
    }

    /**
     * Stops the drill running now from another thread (a signal handler): its step breaks, and it
     * is judged, torn down and returned as an ERROR naming {@code why}; drills run after this are
     * stopped the same way at once.
     */
    public void abort(String why) {
        abortedBy = why;
        RunningDrill drill = running;
        if (drill != null) {
            drill.abort(why);
        }
    }

    /** The signal that stopped this runner, if one did. */
    public java.util.Optional<String> abortedBy() {
        return java.util.Optional.ofNullable(abortedBy);
    }

    /** An ERROR result for a drill that could not start at all. */
    static DrillResult error(Scenario scenario, String backend, long startedAtEpochMs, long durationMs,
                             Throwable cause, List<DrillResult.LogTail> logs) {
        String message = cause instanceof InfrastructureException infrastructure ? infrastructure.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new DrillResult(scenario.name(), scenario.description(), scenario.tags(),
                scenario.severity().keyword(), Verdict.ERROR, List.of(), message, scenario.kafkaVersions(), backend,
                startedAtEpochMs, durationMs, null, null, null, null, List.of(),
                new DrillResult.PhaseTimings(null, null, null, null, null),
                new DrillResult.DrillSeries(List.of(), List.of(), List.of()), logs,
                ExpectBounds.of(scenario.expect()));
    }
}
