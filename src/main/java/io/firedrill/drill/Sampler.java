package io.firedrill.drill;

import io.firedrill.traffic.TrafficConsumerGroup;
import io.firedrill.traffic.TrafficProducer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples the drill twice a second for the charts: produce and consume rates, replication lag,
 * and each cluster's consumer position (the groups' committed offsets summed); and at the same
 * ticks the CPU each process used ({@link CpuMeter}).
 */
final class Sampler implements AutoCloseable {

    static final long PERIOD_MS = 500;

    private final DrillClock clock;
    private final Supplier<TrafficFleet> fleet;
    private final Supplier<ReplicationEngine.Health> health;
    private final CpuMeter cpu;
    private final List<DrillResult.Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drill-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private Sampler(DrillClock clock, Supplier<TrafficFleet> fleet, Supplier<ReplicationEngine.Health> health, CpuMeter cpu) {
        this.clock = clock;
        this.fleet = fleet;
        this.health = health;
        this.cpu = cpu;
    }

    /** Samples from now on until closed. */
    static Sampler start(DrillClock clock, Supplier<TrafficFleet> fleet, Supplier<ReplicationEngine.Health> health,
                         CpuMeter cpu) {
        Sampler sampler = new Sampler(clock, fleet, health, cpu);
        sampler.executor.scheduleAtFixedRate(sampler::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        try {
            cpu.sample();
        } catch (RuntimeException e) {
            // a CPU reading is lost, the next one covers its interval
        }
        try {
            TrafficFleet traffic = fleet.get();
            double produced = 0;
            double consumed = 0;
            Map<String, Long> positions = new TreeMap<>();
            if (traffic != null) {
                for (TrafficProducer producer : traffic.producers()) {
                    produced += producer.stats().ackedPerSecond();
                }
                for (TrafficConsumerGroup group : traffic.groups()) {
                    TrafficConsumerGroup.Stats stats = group.stats();
                    consumed += stats.consumedPerSecond();
                    stats.committedByCluster().forEach((cluster, offset) -> positions.merge(cluster, offset, Long::sum));
                }
            }
            ReplicationEngine.Health now = health.get();
            DrillResult.Sample sample = new DrillResult.Sample(clock.nowMs(), produced, consumed,
                    now == null ? null : now.lagRecords(), now == null ? null : now.lagMs(), positions);
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (RuntimeException e) {
            // a sample is lost, the drill goes on: a chart with a gap beats a drill that stops
        }
    }

    List<DrillResult.Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** CPU per process from the first sample to the last. */
    List<DrillResult.ProcessCpu> cpu() {
        return cpu.result();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
