package io.firedrill.scenario;

import io.firedrill.scenario.YamlTree.Entry;
import io.firedrill.scenario.YamlTree.MapNode;
import io.firedrill.scenario.YamlTree.Mark;
import io.firedrill.scenario.YamlTree.Node;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A YAML map being read into the model. Values are asked for by key; what is missing, mistyped
 * or out of range is reported by {@link Values}, and {@link #rejectUnknownKeys} reports every key
 * nobody asked for, with the nearest known key as a hint.
 */
final class Section {

    private final MapNode map;
    private final String name;
    private final Values values;
    private final Set<String> known = new LinkedHashSet<>();
    private Predicate<String> ignored = key -> false;

    private Section(MapNode map, String name, Values values) {
        this.map = map;
        this.name = name;
        this.values = values;
    }

    /**
     * The map at {@code node}, named {@code name} in messages ("a topic", "clusters"); empty,
     * after a report, when the node is not a map. {@code example} shows the expected form.
     */
    static Optional<Section> of(Node node, String name, String example, Values values) {
        if (node instanceof MapNode map) {
            return Optional.of(new Section(map, name, values));
        }
        values.report(node.at(), name + " must be a map like '" + example + "', got " + YamlTree.describe(node));
        return Optional.empty();
    }

    /** A map whose absence ({@code key:} with nothing after it) means all defaults. */
    static Optional<Section> orEmpty(Node node, String name, String example, Values values) {
        if (node instanceof YamlTree.Scalar scalar && scalar.isNull()) {
            return Optional.of(new Section(new MapNode(List.of(), node.at()), name, values));
        }
        return of(node, name, example, values);
    }

    Mark at() {
        return map.at();
    }

    MapNode map() {
        return map;
    }

    Values values() {
        return values;
    }

    Optional<Node> get(String key) {
        known.add(key);
        return map.entry(key).map(Entry::value);
    }

    /** The value at {@code key}; reports it missing, with what it is for, when absent. */
    Optional<Node> required(String key, String purpose) {
        Optional<Node> value = get(key);
        boolean misspelt = map.keys().stream().anyMatch(written -> Suggestions.closest(written, List.of(key)).isPresent());
        if (value.isEmpty() && !misspelt) {
            // a misspelt key is reported once, as unknown with "did you mean", by rejectUnknownKeys
            values.report(map.at(), "missing '" + key + "' in " + name + " (" + purpose + ")");
        }
        return value;
    }

    /** The required text at {@code key}; null when missing or not text. */
    String text(String key, String purpose) {
        return required(key, purpose).map(node -> values.text(node, key)).orElse(null);
    }

    Long integer(String key, long fallback, long min, long max) {
        return read(key, fallback, node -> values.integer(node, key, min, max));
    }

    Boolean bool(String key, boolean fallback) {
        return read(key, fallback, node -> values.bool(node, key));
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        return read(key, fallback, node -> values.duration(node, key, min, max));
    }

    <E extends Enum<E> & Keyword> E keyword(String key, E fallback, Class<E> type) {
        return read(key, fallback, node -> values.keyword(node, key, type));
    }

    /** {@code fallback} when the key is absent; the read value, or null when it is wrong, when present. */
    <T> T read(String key, T fallback, Function<Node, T> reader) {
        Optional<Node> node = get(key);
        return node.isPresent() ? reader.apply(node.get()) : fallback;
    }

    /** Keys that are allowed but not part of the model, left out of the "known keys" of messages. */
    void ignore(Predicate<String> keys) {
        ignored = keys;
    }

    /** Reports each key nobody asked for, suggesting the nearest known key. */
    void rejectUnknownKeys() {
        rejectUnknownKeys(entry -> Optional.empty());
    }

    /**
     * Reports each key nobody asked for; {@code explain} may say why a key does not belong here
     * (a fault attribute of another fault type), otherwise the nearest known key is suggested.
     */
    void rejectUnknownKeys(Function<Entry, Optional<String>> explain) {
        for (Entry entry : map.entries()) {
            String key = entry.key().value();
            if (!known.contains(key) && !ignored.test(key)) {
                values.report(entry.key().at(), explain.apply(entry).orElseGet(() -> "unknown key '" + key + "' in " + name
                        + Suggestions.closest(key, known).map(s -> "; did you mean '" + s + "'?")
                        .orElse(known.isEmpty() ? ", which takes no keys" : " (known keys: " + String.join(", ", known) + ")")));
            }
        }
    }
}
