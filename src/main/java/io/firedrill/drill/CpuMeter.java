package io.firedrill.drill;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Where the machine's CPU went during a drill, so a backup that falls behind can be explained:
 * each broker and MirrorMaker process from {@code /proc/<pid>/stat}, and the harness JVM split by
 * its threads into the embedded proxies, the traffic clients and the rest (monitoring, the
 * ledger, GC and JIT). Processes that start mid-drill (a restarted broker) count from their
 * start; the harness's threads are read with {@link ThreadMXBean} at every sample, so a thread
 * that ends between two samples loses at most one interval.
 */
final class CpuMeter {

    /** USER_HZ: the unit of {@code /proc/<pid>/stat} times on every Linux architecture Firedrill runs on. */
    private static final double TICKS_PER_SECOND = 100;
    static final String PROXIES = "harness: proxies";
    static final String CLIENTS = "harness: traffic clients";
    static final String HARNESS_REST = "harness: monitoring, ledger, GC, JIT";

    private final Supplier<Map<String, Long>> processes;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<Long, Long> lastTicksByPid = new HashMap<>();
    private final Map<Long, Long> lastNanosByThread = new HashMap<>();
    private long harnessTicksAtStart = -1;
    private long harnessTicksNow;
    private long startNanos;
    private long lastNanos;

    /** @param processes the drill's child processes now, by name ({@code primary/broker-0}) to pid */
    CpuMeter(Supplier<Map<String, Long>> processes) {
        this.processes = processes;
    }

    /** Adds the CPU used since the last call; the first call only sets the baseline. */
    synchronized void sample() {
        boolean first = harnessTicksAtStart < 0;
        long now = System.nanoTime();
        if (first) {
            startNanos = now;
        }
        lastNanos = now;
        processes.get().forEach((name, pid) -> ticks(pid).ifPresent(ticks -> {
            // a process first seen after the baseline started during the drill: all its CPU counts
            long previous = lastTicksByPid.getOrDefault(pid, first ? ticks : 0L);
            lastTicksByPid.put(pid, ticks);
            add(name, (ticks - previous) / TICKS_PER_SECOND);
        }));
        if (threads.isThreadCpuTimeSupported()) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos < 0) {
                    continue;
                }
                Long previous = lastNanosByThread.put(info.getThreadId(), nanos);
                String part = harnessPart(info.getThreadName());
                if (part != null) {
                    add(part, (nanos - (previous == null ? (first ? nanos : 0) : previous)) / 1e9);
                }
            }
        }
        ticks(ProcessHandle.current().pid()).ifPresent(ticks -> {
            if (harnessTicksAtStart < 0) {
                harnessTicksAtStart = ticks;
            }
            harnessTicksNow = ticks;
        });
    }

    /** CPU per process (and harness part) since the first sample, busiest first. */
    synchronized List<DrillResult.ProcessCpu> result() {
        double wall = (lastNanos - startNanos) / 1e9;
        if (wall <= 0) {
            return List.of();
        }
        Map<String, Double> all = new LinkedHashMap<>(seconds);
        double harness = (harnessTicksNow - harnessTicksAtStart) / TICKS_PER_SECOND;
        double threadParts = all.getOrDefault(PROXIES, 0.0) + all.getOrDefault(CLIENTS, 0.0);
        all.put(HARNESS_REST, Math.max(0, harness - threadParts));
        List<DrillResult.ProcessCpu> cpu = new ArrayList<>();
        all.forEach((name, s) -> cpu.add(new DrillResult.ProcessCpu(name, round(s), round(s / wall))));
        cpu.sort((a, b) -> Double.compare(b.cpuSeconds(), a.cpuSeconds()));
        return cpu;
    }

    /** Proxies and traffic clients by their threads' names; null for the rest of the harness. */
    static String harnessPart(String threadName) {
        if (threadName.startsWith("toxiproxy-")) {
            return PROXIES;
        }
        if (threadName.startsWith("firedrill-producer-") || threadName.startsWith("firedrill-group-")
                || threadName.startsWith("kafka-producer-network-thread | firedrill-")
                || threadName.startsWith("kafka-coordinator-heartbeat-thread | ")) {
            return CLIENTS;
        }
        return null;
    }

    private void add(String name, double cpuSeconds) {
        seconds.merge(name, Math.max(0, cpuSeconds), Double::sum);
    }

    /** utime + stime of a live process in ticks; empty when it is gone or not a local process. */
    static OptionalLong ticks(long pid) {
        if (pid <= 0) {
            return OptionalLong.empty();
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
