package io.firedrill.kafka;

import io.firedrill.process.ChildJvm;
import io.firedrill.process.ParentWatchdog;
import io.firedrill.support.BadInputException;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime of one Kafka version's brokers and MirrorMaker 2 as child JVMs see it: the harness's
 * own classpath for the Kafka it is built with, else that version's jars resolved from Maven once
 * (see {@link MavenResolution}) followed by the harness's own code, which adds only the child
 * entry point ({@link ParentWatchdog}) and the logging configurations, never a Kafka class.
 */
public record KafkaDistribution(KafkaVersion version, String classpath) {

    private static final Map<KafkaVersion, KafkaDistribution> RESOLVED = new ConcurrentHashMap<>();

    /** The distribution of this version; the first use of a version other than the harness's resolves it. */
    public static KafkaDistribution of(KafkaVersion version) {
        if (version.isHarness()) {
            return new KafkaDistribution(version, ChildJvm.defaultClasspath());
        }
        return RESOLVED.computeIfAbsent(version, KafkaDistribution::resolve);
    }

    /**
     * Resolves every version a drill needs before it starts anything, so a version Maven cannot
     * get is bad input and nothing is left half-started.
     *
     * @throws BadInputException naming the artifact, where Maven looked and its log
     */
    public static void resolveAll(Collection<KafkaVersion> versions) {
        versions.stream().distinct().sorted().forEach(KafkaDistribution::of);
    }

    private static KafkaDistribution resolve(KafkaVersion version) {
        MavenResolution maven = MavenResolution.configured();
        List<Path> jars = maven.cached(version).orElseGet(() -> {
            System.err.printf(Locale.ROOT, "Kafka %s: resolving %s and their dependencies through Maven (first use) ...%n",
                    version, String.join(", ", MavenResolution.ARTIFACTS));
            long started = System.nanoTime();
            List<Path> resolved = maven.resolve(version);
            System.err.printf(Locale.ROOT, "Kafka %s: %d jars resolved in %.1f s (classpath kept in %s)%n",
                    version, resolved.size(), (System.nanoTime() - started) / 1e9, maven.directory(version));
            return resolved;
        });
        List<String> entries = new ArrayList<>(jars.stream().map(Path::toString).toList());
        entries.add(harnessCode());
        return new KafkaDistribution(version, String.join(File.pathSeparator, entries));
    }

    /** The jar or classes directory the harness runs from. */
    private static String harnessCode() {
        try {
            return Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the harness's own classes", e);
        }
    }
}
