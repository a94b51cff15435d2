package io.firedrill.scenario;

import io.firedrill.kafka.KafkaVersion;
import io.firedrill.kafka.UnsupportedKafkaVersionException;

import io.firedrill.scenario.YamlTree.Mark;
import io.firedrill.scenario.YamlTree.Node;
import io.firedrill.scenario.YamlTree.Scalar;
import io.firedrill.scenario.YamlTree.ScalarType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns YAML nodes into typed values. Each method reports what is wrong at the node's position
 * and returns null, so reading goes on and every problem of a file is found in one pass.
 * {@code key} names the value in messages as the file spells it.
 */
final class Values {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    void report(Mark at, String message) {
        problems.add(at, message);
    }

    /** A problem in another file the scenario reads (the team's mm2.properties). */
    void reportIn(String file, Mark at, String message) {
        problems.add(file, at, message);
    }

    /** How many problems are known; a reader compares it before and after to tell whether its part was clean. */
    int problemCount() {
        return problems.reports();
    }

    /** A non-empty scalar as text; numbers and booleans as written. */
    String text(Node node, String key) {
        if (node instanceof Scalar scalar && !scalar.isNull()) {
            if (scalar.value().isBlank()) {
                report(node.at(), "'" + key + "' is empty");
                return null;
            }
            return scalar.value();
        }
        report(node.at(), "'" + key + "' must be text, got " + YamlTree.describe(node));
        return null;
    }

    /** A supported Kafka release; anything else is reported with the supported ones. */
    KafkaVersion kafkaVersion(Node node, String key) {
        String text = scalarText(node);
        if (text == null) {
            report(node.at(), "'" + key + "' must be a Kafka version like 3.9.1, got " + YamlTree.describe(node)
                    + "; supported: " + KafkaVersion.supportedList());
            return null;
        }
        try {
            return KafkaVersion.parse(text);
        } catch (UnsupportedKafkaVersionException e) {
            report(node.at(), "'" + key + "': " + e.getMessage());
            return null;
        }
    }

    Long integer(Node node, String key, long min, long max) {
        String text = scalarText(node);
        if (text == null || !WHOLE_NUMBER.matcher(text).matches()) {
            report(node.at(), "'" + key + "' must be a whole number, got " + YamlTree.describe(node));
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            value = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            report(node.at(), "'" + key + "' must be " + range(min, max) + ", got " + text);
            return null;
        }
        return value;
    }

    Double decimal(Node node, String key, double min, double max) {
        String text = scalarText(node);
        if (text == null || !DECIMAL.matcher(text).matches()) {
            report(node.at(), "'" + key + "' must be a number, got " + YamlTree.describe(node));
            return null;
        }
        double value = Double.parseDouble(text);
        if (value < min || value > max) {
            report(node.at(), "'" + key + "' must be between " + plain(min) + " and " + plain(max) + ", got " + text);
            return null;
        }
        return value;
    }

    /** true or false only: YAML 1.1's yes/no/on/off are refused, they read too easily as text. */
    Boolean bool(Node node, String key) {
        String text = scalarText(node);
        if (text != null && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        report(node.at(), "'" + key + "' must be true or false, got " + YamlTree.describe(node));
        return null;
    }

    Duration duration(Node node, String key, Duration min, Duration max) {
        String text = scalarText(node);
        if (text == null) {
            report(node.at(), "'" + key + "' must be a duration like 250ms, 10s or 2m, got " + YamlTree.describe(node));
            return null;
        }
        Duration value;
        try {
            value = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            report(node.at(), "'" + key + "': " + e.getMessage());
            return null;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            String bound = value.compareTo(min) < 0 ? "at least " + Durations.format(min) : "at most " + Durations.format(max);
            report(node.at(), "'" + key + "' must be " + bound + ", got " + text);
            return null;
        }
        return value;
    }

    /** One of an enum's keywords; a near miss gets a "did you mean". */
    <E extends Enum<E> & Keyword> E keyword(Node node, String key, Class<E> type) {
        String text = scalarText(node);
        Optional<E> value = text == null ? Optional.empty() : Keyword.parse(type, text);
        if (value.isEmpty()) {
            List<String> keywords = Arrays.stream(type.getEnumConstants()).map(Keyword::keyword).toList();
            report(node.at(), "'" + key + "' must be one of " + Keyword.choices(type) + ", got " + YamlTree.describe(node)
                    + (text == null ? "" : Suggestions.didYouMean(text, keywords)));
            return null;
        }
        return value.get();
    }

    /** The text of a non-null scalar, else null. */
    static String scalarText(Node node) {
        return node instanceof Scalar scalar && scalar.type() != ScalarType.NULL ? scalar.value().strip() : null;
    }

    private static String range(long min, long max) {
        return max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
