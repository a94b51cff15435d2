package io.firedrill.bench;

import io.firedrill.fault.ActiveFault;
import io.firedrill.replication.DisasterDetector;
import io.firedrill.scenario.FaultType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Detection: from the whole primary SIGKILLed under traffic to the disaster detector declaring it
 * lost, with the scenario's window and probe interval. The drill's environment lives for the trial;
 * each invocation kills the primary and the teardown starts it again on its data.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 8)
@State(Scope.Benchmark)
public class DetectionBench {

    private LiveDrill drill;
    private DisasterDetector detector;
    private ActiveFault outage;
    private long killedAtMs;

    @Setup(Level.Trial)
    public void drillUnderTraffic() {
        drill = LiveDrill.start(BenchScenario.get()).startTraffic();
    }

    @Setup(Level.Invocation)
    public void detectorWatchingThePrimary() {
        detector = drill.watchPrimary();
    }

    @Benchmark
    public DisasterDetector.Disaster primaryKilledToDeclaredLost() {
        killedAtMs = System.currentTimeMillis();
        outage = drill.inject(FaultType.CLUSTER_OUTAGE);
        return detector.awaitDisaster(Waits.STEP);
    }

    @TearDown(Level.Invocation)
    public void primaryBack() {
        detector.disaster().ifPresent(disaster ->
                DrillFigures.record("firstFailedProbeMs", disaster.firstFailedContact().toEpochMilli() - killedAtMs, "ms"));
        detector.close();
        drill.heal(outage);
    }

    @TearDown(Level.Trial)
    public void close() {
        drill.close();
    }
}
