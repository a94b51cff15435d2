package io.firedrill.bench;

import io.firedrill.drill.ReplicationEngine;
import io.firedrill.fault.ActiveFault;
import io.firedrill.scenario.FaultType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Replication catch-up: the replication link is cut (a partition on every MirrorMaker 2 proxy)
 * for {@code partitionSeconds} while producers keep writing to the primary; the clock runs from
 * the heal until the backup holds everything the primary held at the heal. The backlog at the
 * heal (the data a disaster at that moment would have lost) is a secondary figure. The drill
 * lives for the trial; the partition is set up outside the clock.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class CatchUpBench {

    @Param("30")
    public int partitionSeconds;

    private LiveDrill drill;
    private ActiveFault partition;

    @Setup(Level.Trial)
    public void producersOnAHealthyPair() {
        drill = LiveDrill.start(BenchScenario.get()).startProducers();
    }

    @Setup(Level.Invocation)
    public void linkCut() {
        drill.replication().awaitCaughtUp(Waits.STEP);
        partition = drill.inject(FaultType.PARTITION);
        Waits.pause(Duration.ofSeconds(partitionSeconds));
        ReplicationEngine.Health atHeal = drill.replication().health();
        if (atHeal.lagRecords() != null) {
            DrillFigures.record("backlogAtHealRecords", atHeal.lagRecords(), "records");
        }
        if (atHeal.lagMs() != null) {
            DrillFigures.record("backlogAtHealMs", atHeal.lagMs(), "ms");
        }
    }

    @Benchmark
    public void healedToCaughtUp() {
        drill.heal(partition);
        drill.replication().awaitCaughtUp(Waits.STEP);
    }

    @TearDown(Level.Trial)
    public void close() {
        drill.close();
    }
}
