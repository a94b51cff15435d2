package io.firedrill.cluster.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JVM options of every broker Firedrill runs, child JVM or container. Small heaps on shared
 * machines: the serial collector, because G1 cannot always find 128 contiguous MB in a 256 MB heap
 * for the log cleaner's dedupe buffer and the broker dies at start; C1 only, which boots faster;
 * exit on OOM instead of limping. {@code -Dfiredrill.broker.jvm.options} adds to them.
 */
public final class BrokerJvmOptions {

    public static final String EXTRA_PROPERTY = "firedrill.broker.jvm.options";

    private BrokerJvmOptions() {}

    public static List<String> heap(int heapMb) {
        return List.of("-Xmx" + heapMb + "m", "-Xms" + Math.min(heapMb, 128) + "m");
    }

    /** Everything but the heap size. */
    public static List<String> runtime() {
        List<String> options = new ArrayList<>(List.of(
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError",
                // a broker that runs out of heap leaves the evidence in its working directory
                "-XX:+HeapDumpOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Djava.net.preferIPv4Stack=true"));
        String extra = System.getProperty(EXTRA_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return options;
    }
}
