package io.firedrill.kafka;

import org.apache.kafka.common.utils.AppInfoParser;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kafka release Firedrill can run brokers and MirrorMaker 2 of. Only the releases below are
 * supported: every KRaft line from 3.6 on, each at a patch whose {@code kafka_2.13} and
 * {@code connect-mirror} artifacts Maven Central serves (connect-mirror 4.0.1 is not served).
 */
public record KafkaVersion(int major, int minor, int patch) implements Comparable<KafkaVersion> {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Comparator<KafkaVersion> ORDER = Comparator.comparingInt(KafkaVersion::major)
            .thenComparingInt(KafkaVersion::minor).thenComparingInt(KafkaVersion::patch);

    public static final List<KafkaVersion> SUPPORTED = List.of(
            new KafkaVersion(3, 6, 2), new KafkaVersion(3, 7, 2), new KafkaVersion(3, 8, 1), new KafkaVersion(3, 9, 1),
            new KafkaVersion(4, 0, 0), new KafkaVersion(4, 0, 2), new KafkaVersion(4, 1, 1), new KafkaVersion(4, 2, 0),
            new KafkaVersion(4, 3, 1));

    /** The Kafka the harness is built with: its brokers and MirrorMaker run from the harness's own classpath. */
    public static final KafkaVersion HARNESS = parse(AppInfoParser.getVersion());

    public KafkaVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("a Kafka version has no negative parts: " + major + "." + minor + "." + patch);
        }
    }

    /**
     * The supported version written as {@code text}.
     *
     * @throws UnsupportedKafkaVersionException naming the supported versions, and the nearest ones
     *                                          of the same line when there are some
     */
    public static KafkaVersion parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new UnsupportedKafkaVersionException("'" + text + "' is not a Kafka version like 3.9.1; supported: " + supportedList());
        }
        KafkaVersion version = new KafkaVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
        if (!SUPPORTED.contains(version)) {
            throw new UnsupportedKafkaVersionException("Kafka " + version + " is not supported; supported: " + supportedList()
                    + version.nearest().map(near -> "; did you mean " + near + "?").orElse(""));
        }
        return version;
    }

    public static String supportedList() {
        return SUPPORTED.stream().map(KafkaVersion::toString).collect(Collectors.joining(", "));
    }

    /** The supported releases of the same major.minor line, the closest patch first. */
    private Optional<String> nearest() {
        List<KafkaVersion> sameLine = SUPPORTED.stream()
                .filter(v -> v.major == major && v.minor == minor)
                .sorted(Comparator.comparingInt(v -> Math.abs(v.patch - patch)))
                .toList();
        return sameLine.isEmpty() ? Optional.empty()
                : Optional.of(sameLine.stream().map(KafkaVersion::toString).collect(Collectors.joining(" or ")));
    }

    public KafkaLine line() {
        return KafkaLine.of(this);
    }

    public boolean isHarness() {
        return equals(HARNESS);
    }

    @Override
    public int compareTo(KafkaVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
