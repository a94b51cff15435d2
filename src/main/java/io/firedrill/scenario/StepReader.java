package io.firedrill.scenario;

import io.firedrill.scenario.YamlTree.Entry;
import io.firedrill.scenario.YamlTree.ListNode;
import io.firedrill.scenario.YamlTree.MapNode;
import io.firedrill.scenario.YamlTree.Mark;
import io.firedrill.scenario.YamlTree.Node;
import io.firedrill.scenario.YamlTree.Scalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads {@code steps:} into {@link Step}s, checking each step on its own; {@link StepRules} checks their order. */
final class StepReader {

    static final Duration SHORTEST = Duration.ofMillis(1);
    static final Duration LONGEST = Duration.ofHours(24);

    private static final Pattern BROKER = Pattern.compile("(primary|backup)/broker-([0-9]{1,3})");
    private static final String TARGETS = "primary, backup, primary/broker-N, backup/broker-N, replication-link,"
            + " clients->primary, clients->backup, mirrormaker";

    /** A step as read: its kind is known even when its settings are wrong, and then {@code step} is null. */
    record ReadStep(StepKind kind, Mark at, Step step) {
    }

    private final Values values;
    private final Map<ClusterRole, Integer> brokers;

    /** {@code brokers} per cluster, absent where the cluster's broker count is itself wrong. */
    StepReader(Values values, Map<ClusterRole, Integer> brokers) {
        this.values = values;
        this.brokers = brokers;
    }

    List<ReadStep> read(Node node) {
        if (!(node instanceof ListNode list)) {
            values.report(node.at(), "'steps' must be a list like '- run: 10s', got " + YamlTree.describe(node));
            return List.of();
        }
        if (list.items().isEmpty()) {
            values.report(node.at(), "'steps' is empty; a drill needs at least one step, like '- run: 10s'");
        }
        List<ReadStep> steps = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            step(i + 1, list.items().get(i)).ifPresent(steps::add);
        }
        return steps;
    }

    private Optional<ReadStep> step(int index, Node item) {
        if (!(item instanceof MapNode map)) {
            Optional<StepKind> bare = Optional.ofNullable(Values.scalarText(item)).flatMap(t -> Keyword.parse(StepKind.class, t));
            values.report(item.at(), bare.map(kind -> "step '" + kind.keyword() + "' needs a value: write '- " + kind.example() + "'")
                    .orElse("a step is a one-key map like '- run: 10s', got " + YamlTree.describe(item)));
            return Optional.empty();
        }
        if (map.entries().size() != 1) {
            return misshapen(map);
        }
        Entry entry = map.entries().get(0);
        String key = entry.key().value();
        Optional<StepKind> kind = Keyword.parse(StepKind.class, key);
        if (kind.isEmpty()) {
            Optional<String> meant = Suggestions.closest(key, stepKeywords());
            values.report(entry.key().at(), "unknown step '" + key + "'" + meant.map(m -> "; did you mean '" + m + "'?").orElse("")
                    + " (steps: " + String.join(", ", stepKeywords()) + ")");
            // the step it was meant to be still counts in the order checks, so they do not cascade
            return meant.flatMap(m -> Keyword.parse(StepKind.class, m)).map(k -> new ReadStep(k, entry.key().at(), null));
        }
        Node value = entry.value();
        Mark at = entry.key().at();
        String text = value instanceof Scalar scalar && scalar.isNull() ? key : key + ": " + YamlTree.render(value);
        StepSource source = new StepSource(index, at.line(), at.column(), text);
        Step step = switch (kind.get()) {
            case AWAIT -> await(source, value);
            case RUN -> run(source, value);
            case FAULT -> fault(source, value);
            case HEAL -> heal(source, value);
            case BACKUP -> destinationOnly(value, StepKind.BACKUP, "backup-storage",
                    "a backup goes to backup storage") ? new Step.Backup(source) : null;
            case FAILOVER -> failover(source, value);
            case RESTORE -> restore(source, value);
            case FAILBACK -> destinationOnly(value, StepKind.FAILBACK, "primary",
                    "failback moves the clients back to the primary") ? new Step.Failback(source) : null;
            case STOP_TRAFFIC -> noSettings(value) ? new Step.StopTraffic(source) : null;
        };
        return Optional.of(new ReadStep(kind.get(), at, step));
    }

    /** A step map with no key or several: most often settings indented beside the step key instead of under it. */
    private Optional<ReadStep> misshapen(MapNode map) {
        if (map.entries().isEmpty()) {
            values.report(map.at(), "empty step; write one like '- run: 10s'");
            return Optional.empty();
        }
        List<Entry> stepKeys = map.entries().stream()
                .filter(e -> Keyword.parse(StepKind.class, e.key().value()).isPresent()).toList();
        if (stepKeys.size() == 1 && stepKeys.get(0).value() instanceof Scalar scalar && scalar.isNull()) {
            Entry step = stepKeys.get(0);
            String others = map.entries().stream().filter(e -> e != step).map(e -> "'" + e.key().value() + "'")
                    .collect(Collectors.joining(", "));
            values.report(step.key().at(), "'" + step.key().value() + ":' has nothing under it and " + others
                    + " stand beside it; indent them under '" + step.key().value() + ":'");
            return Optional.of(new ReadStep(Keyword.parse(StepKind.class, step.key().value()).orElseThrow(), step.key().at(), null));
        }
        values.report(map.at(), "a step is a one-key map, this one has " + map.entries().size() + " keys ("
                + String.join(", ", map.keys()) + "); start each step with its own '-'");
        return Optional.empty();
    }

    private Step await(StepSource source, Node value) {
        if (value instanceof MapNode) {
            return Section.of(value, "the await", "{ condition: replication-healthy, timeout: 2m }", values).orElseThrow().build(s -> {
                AwaitCondition condition = s.required("condition", "what to wait for, like replication-healthy")
                        .map(node -> values.keyword(node, "condition", AwaitCondition.class)).orElse(null);
                Duration timeout = s.duration("timeout", Step.Await.DEFAULT_TIMEOUT, SHORTEST, LONGEST);
                s.rejectUnknownKeys();
                return () -> new Step.Await(source, condition, timeout);
            });
        }
        AwaitCondition condition = values.keyword(value, "await", AwaitCondition.class);
        return condition == null ? null : new Step.Await(source, condition, Step.Await.DEFAULT_TIMEOUT);
    }

    private Step run(StepSource source, Node value) {
        Duration duration = values.duration(value, "run", SHORTEST, LONGEST);
        return duration == null ? null : new Step.Run(source, duration);
    }

    private Step fault(StepSource source, Node value) {
        String example = StepKind.FAULT.example().substring("fault: ".length());
        return Section.of(value, "the fault", example, values).map(section -> section.build(s -> {
            FaultType type = s.required("type", "what to break: " + Keyword.choices(FaultType.class))
                    .map(node -> values.keyword(node, "type", FaultType.class)).orElse(null);
            Optional<Node> targetNode = s.required("target", "what it hits: " + TARGETS);
            Target target = targetNode.map(node -> target(node, "target")).orElse(null);
            if (type != null && target != null && !type.accepts(target)) {
                values.report(targetNode.get().at(), "a " + type.keyword() + " fault cannot hit " + target.text()
                        + "; it hits " + type.acceptedTargets());
            }
            if (type == null) {
                // without a type nobody knows which attributes belong: leave them unjudged
                Arrays.stream(FaultAttribute.values()).forEach(a -> s.get(a.keyword()));
            }
            Map<FaultAttribute, Long> attributes = type == null ? null : attributes(s, type);
            Duration duration = s.duration("duration", null, SHORTEST, LONGEST);
            boolean network = type == null || type.isNetwork();
            Direction direction = network ? s.keyword("direction", Direction.BOTH, Direction.class) : Direction.BOTH;
            Double toxicity = network ? s.read("toxicity", 1.0, node -> values.decimal(node, "toxicity", 0, 1)) : 1.0;
            if (type == FaultType.PARTITION) {
                partitionCutsEverything(s, direction, toxicity);
            }
            s.rejectUnknownKeys(entry -> explainUnknown(entry.key().value(), type));
            return () -> new Step.Fault(source, type, target, attributes, Optional.ofNullable(duration), direction, toxicity);
        })).orElse(null);
    }

    /** The type's attributes with defaults filled in; null when one is missing or wrong. */
    private Map<FaultAttribute, Long> attributes(Section section, FaultType type) {
        Map<FaultAttribute, Long> attributes = new EnumMap<>(FaultAttribute.class);
        boolean valid = true;
        for (FaultAttribute attribute : type.attributes()) {
            String key = attribute.keyword();
            Optional<Node> node = section.get(key);
            Long value;
            if (node.isEmpty()) {
                value = type.defaultValue(attribute).stream().boxed().findFirst().orElse(null);
                if (value == null) {
                    values.report(section.at(), "missing '" + key + "' in the " + type.keyword() + " fault (" + attribute.purpose() + ")");
                }
            } else if (attribute.unit() == FaultAttribute.Unit.MILLISECONDS) {
                Duration duration = values.duration(node.get(), key, Duration.ofMillis(attribute.min()), Duration.ofMillis(attribute.max()));
                value = duration == null ? null : duration.toMillis();
            } else {
                value = values.integer(node.get(), key, attribute.min(), attribute.max());
            }
            valid &= value != null;
            attributes.put(attribute, value);
        }
        if (!valid) {
            return null;
        }
        return consistent(section, type, attributes) ? attributes : null;
    }

    /** Bounds between attributes that Toxiproxy would otherwise turn into nonsense. */
    private boolean consistent(Section section, FaultType type, Map<FaultAttribute, Long> attributes) {
        if (type == FaultType.LATENCY && attributes.get(FaultAttribute.JITTER) > attributes.get(FaultAttribute.LATENCY)) {
            values.report(section.get("jitter").orElseThrow().at(), "'jitter' (" + Durations.format(Duration.ofMillis(attributes.get(FaultAttribute.JITTER)))
                    + ") must not exceed 'latency' (" + Durations.format(Duration.ofMillis(attributes.get(FaultAttribute.LATENCY)))
                    + "): the delay would go below zero");
            return false;
        }
        if (type == FaultType.SLICER && attributes.get(FaultAttribute.SIZE_VARIATION) >= attributes.get(FaultAttribute.AVERAGE_SIZE)) {
            values.report(section.get("size-variation").orElseThrow().at(), "'size-variation' (" + attributes.get(FaultAttribute.SIZE_VARIATION)
                    + ") must be smaller than 'average-size' (" + attributes.get(FaultAttribute.AVERAGE_SIZE) + ")");
            return false;
        }
        return true;
    }

    /** A partition disables proxies: it cannot pick a direction or a share of connections. */
    private void partitionCutsEverything(Section section, Direction direction, Double toxicity) {
        if (direction != null && direction != Direction.BOTH) {
            values.report(section.get("direction").orElseThrow().at(), "a partition cuts both directions; for a one-way cut"
                    + " use 'type: timeout' with 'direction: " + direction.keyword() + "'");
        }
        if (toxicity != null && toxicity != 1.0) {
            values.report(section.get("toxicity").orElseThrow().at(), "a partition cuts every connection; for a partial cut"
                    + " use 'type: timeout' with 'toxicity: " + section.get("toxicity").map(Values::scalarText).orElseThrow() + "'");
        }
    }

    private static Optional<String> explainUnknown(String key, FaultType type) {
        if (type == null) {
            return Optional.empty();
        }
        boolean attributeOfAnother = Arrays.stream(FaultAttribute.values()).anyMatch(a -> a.keyword().equals(key));
        if (attributeOfAnother) {
            String takes = type.attributes().isEmpty() ? "takes no attributes"
                    : "takes " + type.attributes().stream().map(Keyword::keyword).collect(Collectors.joining(", "));
            return Optional.of("'" + key + "' is not an attribute of a " + type.keyword() + " fault (" + type.keyword() + " " + takes + ")");
        }
        if (!type.isNetwork() && (key.equals("direction") || key.equals("toxicity"))) {
            return Optional.of("'" + key + "' applies to network faults only; " + type.keyword() + " acts on a process");
        }
        return Optional.empty();
    }

    private Step heal(StepSource source, Node value) {
        String text = Values.scalarText(value);
        if (text == null) {
            values.report(value.at(), "'heal' takes a target or all, like 'heal: replication-link' or 'heal: all', got "
                    + YamlTree.describe(value));
            return null;
        }
        if (text.equals("all")) {
            return new Step.Heal(source, Optional.empty());
        }
        Target target = target(value, "heal");
        return target == null ? null : new Step.Heal(source, Optional.of(target));
    }

    private Step restore(StepSource source, Node value) {
        String example = StepKind.RESTORE.example().substring("restore: ".length());
        return Section.of(value, "the restore", example, values).map(section -> section.build(s -> {
            s.get("to").ifPresent(node -> only(node, "restore rebuilds the primary", "primary"));
            RestoreSource from = s.required("from", "where the data comes from: " + Keyword.choices(RestoreSource.class))
                    .map(node -> values.keyword(node, "from", RestoreSource.class)).orElse(null);
            s.rejectUnknownKeys();
            return () -> new Step.Restore(source, ClusterRole.PRIMARY, from);
        })).orElse(null);
    }

    /** Steps whose {@code to:} has one possible value: it may be left out, but not be anything else. */
    /** {@code failover: { to: backup, clients: move | redirect, rebootstrap: true | false }}. */
    private Step failover(StepSource source, Node value) {
        Optional<Section> read = Section.orEmpty(value, "the failover", "{ to: backup, clients: redirect }", values);
        if (read.isEmpty()) {
            return null;
        }
        return read.get().build(s -> {
            s.get("to").ifPresent(node -> only(node,
                    "failover moves the clients to the backup; moving back is 'failback: { to: primary }'", "backup"));
            ClientsMode clients = s.keyword("clients", ClientsMode.MOVE, ClientsMode.class);
            Boolean rebootstrap = s.bool("rebootstrap", true);
            s.get("rebootstrap").filter(node -> clients == ClientsMode.MOVE).ifPresent(node -> values.report(node.at(),
                    "'rebootstrap' configures clients that recover by themselves: it needs 'clients: redirect'"));
            s.rejectUnknownKeys();
            return () -> new Step.Failover(source, clients, rebootstrap);
        });
    }

    private boolean destinationOnly(Node value, StepKind kind, String destination, String why) {
        Optional<Section> read = Section.orEmpty(value, "the " + kind.keyword(), kind.example().substring(kind.keyword().length() + 2), values);
        if (read.isEmpty()) {
            return false;
        }
        boolean valid = read.get().get("to").map(node -> only(node, why, destination)).orElse(true);
        read.get().rejectUnknownKeys();
        return valid;
    }

    private boolean only(Node node, String why, String allowed) {
        String text = Values.scalarText(node);
        if (allowed.equals(text)) {
            return true;
        }
        values.report(node.at(), "'to' can only be " + allowed + " here, got " + YamlTree.describe(node) + ": " + why);
        return false;
    }

    private boolean noSettings(Node value) {
        if (value instanceof Scalar scalar && !scalar.isNull()) {
            values.report(value.at(), "'stop-traffic' takes no settings: write '- " + StepKind.STOP_TRAFFIC.example()
                    + "', got " + YamlTree.describe(value));
            return false;
        }
        Optional<Section> read = Section.orEmpty(value, "stop-traffic", "{}", values);
        read.ifPresent(Section::rejectUnknownKeys);
        return read.isPresent() && read.get().map().entries().isEmpty();
    }

    /** The target {@code node} names, if it exists in this scenario's clusters. */
    Target target(Node node, String key) {
        String text = Values.scalarText(node);
        if (text == null) {
            values.report(node.at(), "'" + key + "' must be a target (" + TARGETS + "), got " + YamlTree.describe(node));
            return null;
        }
        Optional<Target> target = parseTarget(text);
        if (target.isEmpty()) {
            String hint = Suggestions.closest(text, targetNames()).map(s -> "; did you mean '" + s + "'?")
                    .orElse(text.matches("(primary|backup)/.*") ? "; a broker is written like primary/broker-0, counting from 0" : "");
            values.report(node.at(), "unknown target '" + text + "'" + hint + " (targets: " + TARGETS + ")");
            return null;
        }
        if (target.get() instanceof Target.Broker broker) {
            Integer count = brokers.get(broker.role());
            if (count != null && broker.index() >= count) {
                String cluster = broker.role().keyword();
                values.report(node.at(), text + " does not exist: the " + cluster + " cluster has " + count
                        + (count == 1 ? " broker, " + cluster + "/broker-0" : " brokers, " + cluster + "/broker-0 to " + cluster + "/broker-" + (count - 1)));
                return null;
            }
        }
        return target.get();
    }

    static Optional<Target> parseTarget(String text) {
        Matcher broker = BROKER.matcher(text);
        if (broker.matches()) {
            return Optional.of(new Target.Broker(ClusterRole.valueOf(broker.group(1).toUpperCase(Locale.ROOT)),
                    Integer.parseInt(broker.group(2))));
        }
        for (ClusterRole role : ClusterRole.values()) {
            if (text.equals(role.keyword())) {
                return Optional.of(new Target.Cluster(role));
            }
            if (text.equals("clients->" + role.keyword())) {
                return Optional.of(new Target.ClientLink(role));
            }
        }
        return Stream.of(Target.REPLICATION_LINK, Target.MIRRORMAKER).filter(t -> t.text().equals(text)).findFirst();
    }

    private List<String> targetNames() {
        List<String> names = new ArrayList<>(List.of("replication-link", "clients->primary", "clients->backup", "mirrormaker"));
        for (ClusterRole role : ClusterRole.values()) {
            names.add(role.keyword());
            for (int i = 0; i < brokers.getOrDefault(role, 1); i++) {
                names.add(role.keyword() + "/broker-" + i);
            }
        }
        return names;
    }

    private static List<String> stepKeywords() {
        return Arrays.stream(StepKind.values()).map(Keyword::keyword).toList();
    }
}
