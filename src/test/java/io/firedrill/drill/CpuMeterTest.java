package io.firedrill.drill;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CpuMeterTest {

    @Test
    void readsAProcessesCpuTicksFromProc() {
        assertThat(CpuMeter.ticks(ProcessHandle.current().pid())).isPresent();
        assertThat(CpuMeter.ticks(Integer.MAX_VALUE)).as("no such process").isEmpty();
        assertThat(CpuMeter.ticks(-1)).as("a broker that is not a local process").isEmpty();
    }

    @Test
    void tellsTheHarnesssProxiesAndClientsApartByTheirThreads() {
        assertThat(CpuMeter.harnessPart("toxiproxy-8474-link-3")).isEqualTo(CpuMeter.PROXIES);
        assertThat(CpuMeter.harnessPart("firedrill-producer-orders-1")).isEqualTo(CpuMeter.CLIENTS);
        assertThat(CpuMeter.harnessPart("kafka-producer-network-thread | firedrill-orders-1")).isEqualTo(CpuMeter.CLIENTS);
        assertThat(CpuMeter.harnessPart("firedrill-replication-monitor-primary->backup")).isNull();
    }

    @Test
    void chargesAThreadsWorkToItsPartAndAProcessesWorkToItsName() throws Exception {
        // this JVM stands in for a broker: its ticks are a child's seen through /proc
        CpuMeter meter = new CpuMeter(() -> Map.of("primary/broker-0", ProcessHandle.current().pid()));
        meter.sample();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch sampled = new CountDownLatch(1);
        Thread proxy = new Thread(() -> {
            spinFor(Duration.ofMillis(200));
            spun.countDown();
            awaitQuietly(sampled); // alive at the sample: a thread's CPU is read from the thread itself
        }, "toxiproxy-9999-link-1");
        proxy.start();
        spun.await();
        meter.sample();
        sampled.countDown();
        proxy.join();

        List<DrillResult.ProcessCpu> cpu = meter.result();
        Map<String, Double> seconds = cpu.stream()
                .collect(Collectors.toMap(DrillResult.ProcessCpu::process, DrillResult.ProcessCpu::cpuSeconds));
        assertThat(seconds.get(CpuMeter.PROXIES)).isGreaterThanOrEqualTo(0.2);
        assertThat(seconds.get("primary/broker-0")).as("/proc counts in 10 ms ticks").isGreaterThanOrEqualTo(0.18);
        assertThat(seconds).containsKey(CpuMeter.HARNESS_REST);
        assertThat(cpu).extracting(DrillResult.ProcessCpu::cpuSeconds).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    /** Burns this thread's own CPU time (not wall time: the machine is shared). */
    private static void spinFor(Duration cpu) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < cpu.toNanos()) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
