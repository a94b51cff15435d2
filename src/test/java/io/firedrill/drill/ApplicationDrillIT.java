package io.firedrill.drill;

import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team's own application in a drill, on real brokers: the reference applications (a Java
 * service, a Kafka Streams topology, a kcat pipeline) pass records through an application kill
 * and a primary failover and are counted; a broken one FAILs
 * the drill, named; no process of any application outlives its drill.
 */
class ApplicationDrillIT {

    private static final Path DRILLS = Path.of("src/test/resources/application-drills");
    private final String run = Integer.toString(new Random().nextInt(1_000_000));

    @Test
    void referenceApplicationsPassRecordsThroughAnApplicationKillAndAPrimaryFailover() throws IOException {
        DrillResult result = drill("reference-apps-kill-and-failover");

        DrillResult.ApplicationFigures java = application(result, "passthrough");
        assertThat(java.acked()).as("records fed to the Java service").isGreaterThan(300);
        assertThat(java.lost()).as("acknowledged inputs the Java service never passed on").isZero();
        assertThat(java.changed()).isZero();
        assertThat(java.foreign()).isZero();
        assertThat(java.phases()).extracting(DrillResult.ApplicationPhase::phase).containsExactly("before", "during", "after");
        assertThat(java.phases()).allSatisfy(phase -> assertThat(phase.p50Ms()).isNotNull());
        DrillResult.ApplicationFigures streams = application(result, "streams");
        assertThat(streams.acked()).as("records fed to the Streams application").isGreaterThan(300);
        assertThat(streams.lost()).as("acknowledged inputs the Streams application never passed on").isZero();
        assertThat(streams.changed()).isZero();
        assertThat(streams.foreign()).isZero();
        // at least once, and the failover resumes its group at MirrorMaker 2's synced offsets (Kafka's
        // default profile: synced every 60 s, so none yet and it starts over): what it did again is counted
        assertThat(streams.duplicated()).as("extra copies from the Streams application").isPositive();
        // at least once: what it re-processed after its kill and at the failover is counted, whatever it is
        DrillResult.ApplicationFigures kcat = application(result, "kcat-pipeline");
        assertThat(kcat.acked()).as("records fed to the kcat pipeline").isGreaterThan(300);
        assertThat(kcat.changed()).isZero();
        assertThat(result.failures()).as("failures").noneMatch(f -> f.expectation().contains("passthrough")
                || f.expectation().contains("streams"));
        assertThat(result.verdict()).isEqualTo(kcat.lost() == 0 ? DrillResult.Verdict.PASS : DrillResult.Verdict.FAIL);
        // the drill's own traffic at the outage: a SIGKILLed primary takes the acknowledged records
        // MirrorMaker had not copied yet, 0-4 in steady state on these machines (KAFKA-NOTES); one
        // busy run lost 1, so zero here was a claim about timing, not about the harness
        assertThat(result.records().lostAcked()).as("acknowledged traffic records lost at the outage").isLessThanOrEqualTo(4);
        assertNoApplicationProcessLeft();
    }

    @Test
    void anApplicationThatDropsRecordsFailsTheDrillNamingIt() throws IOException {
        DrillResult result = drill("broken-app");

        DrillResult.ApplicationFigures dropper = application(result, "dropper");
        assertThat(result.verdict()).isEqualTo(DrillResult.Verdict.FAIL);
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.expectation()).isEqualTo("application dropper lost");
            assertThat(failure.message()).startsWith("application dropper lost " + dropper.lost() + " of " + dropper.acked());
        });
        // every 10th record the application saw, give or take the records in flight at the end
        assertThat((double) dropper.lost() / dropper.acked()).isBetween(0.08, 0.12);
        assertThat(dropper.duplicated()).isZero();
        assertNoApplicationProcessLeft();
    }

    private DrillResult drill(String name) throws IOException {
        String text = Files.readString(DRILLS.resolve(name + ".yaml"))
                .replace("@JAVA@", Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .replace("@CLASSPATH@", System.getProperty("java.class.path"))
                .replace("@RUN@", run);
        Scenario scenario = ScenarioParser.parse(name + ".yaml", text).orThrow();
        DrillResult result = new DrillRunner(DrillOptions.defaults()).run(scenario, DrillListener.SILENT);
        result.steps().forEach(step -> System.out.printf("step %d %s %s %d ms: %s | %s%n", step.index(), step.action(),
                step.outcome(), step.endedAtMs() - step.startedAtMs(), step.result(), step.notes()));
        result.applications().forEach(app -> System.out.printf("application %s: sent %d acked %d lost %d duplicated %d changed %d"
                        + " foreign %d phases %s%n", app.name(), app.sent(), app.acked(), app.lost(), app.duplicated(), app.changed(),
                app.foreign(), app.phases()));
        System.out.println("verdict " + result.verdict() + "; failures " + result.failures() + "; error " + result.error());
        assertThat(result.error()).as("drill error").isNull();
        return result;
    }

    private static DrillResult.ApplicationFigures application(DrillResult result, String name) {
        return result.applications().stream().filter(app -> app.name().equals(name)).findFirst().orElseThrow();
    }

    /** No process anywhere still carries this run's application groups in its environment. */
    private void assertNoApplicationProcessLeft() throws IOException {
        List<Long> left;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            left = procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .filter(p -> environ(p).contains("FIREDRILL_GROUP=") && environ(p).contains("-" + run + "\0"))
                    .map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
        assertThat(left).as("processes of this run's applications still alive").isEmpty();
    }

    private static String environ(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
