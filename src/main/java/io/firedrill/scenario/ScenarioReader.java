package io.firedrill.scenario;

import io.firedrill.kafka.KafkaVersion;

import io.firedrill.scenario.StepReader.ReadStep;
import io.firedrill.scenario.YamlTree.Entry;
import io.firedrill.scenario.YamlTree.ListNode;
import io.firedrill.scenario.YamlTree.MapNode;
import io.firedrill.scenario.YamlTree.Mark;
import io.firedrill.scenario.YamlTree.Node;
import io.firedrill.scenario.YamlTree.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.function.Supplier;

/**
 * Reads one scenario document into a {@link Scenario}, reporting every problem on the way.
 * Sections are read in dependency order (clusters before topics before traffic and steps)
 * whatever their order in the file; a value that is wrong reads as null and the checks that
 * depend on it are skipped rather than piling up follow-on errors.
 */
final class ScenarioReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern GROUP = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final int MAX_PARTITIONS = 1000;
    private static final int MAX_RATE = 1_000_000;
    private static final int MAX_KEYS = 1_000_000;
    /** Room for the ledger's header (producer, sequence, send time, checksum) in each record. */
    static final int MIN_RECORD_SIZE = 64;
    /** Below the broker's default message.max.bytes with the batch overhead. */
    static final int MAX_RECORD_SIZE = 1_000_000;
    private static final Duration LONGEST_DETECTION = Duration.ofMinutes(10);

    private final String file;
    private final List<String> lines;
    private final Values values;
    /** Every topic name written under topics, valid or not: references to them are not reported again. */
    private final Set<String> writtenTopics = new LinkedHashSet<>();

    ScenarioReader(String file, String text, Problems problems) {
        this.file = file;
        this.lines = text.lines().toList();
        this.values = new Values(problems);
    }

    Optional<Scenario> read(Node root) {
        if (!file.endsWith(".yaml")) {
            values.report(Mark.START, "scenario files end in .yaml, this one is " + fileName());
        }
        Optional<Section> read = Section.of(root, "the scenario", "name: primary-outage", values);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Section top = read.get();
        String name = name(top);
        String description = top.text("description", "one line on what the drill shows");
        List<String> tags = top.read("tags", Scenario.DEFAULT_TAGS, this::tags);
        Severity severity = top.keyword("severity", Severity.NORMAL, Severity.class);
        Map<ClusterRole, ClusterSetup> clusters = top.required("clusters",
                        "the two clusters, like 'clusters: { primary: { brokers: 1 }, backup: { brokers: 1 } }'")
                .map(this::clusters).orElse(Map.of());
        Map<ClusterRole, Integer> brokers = new EnumMap<>(ClusterRole.class);
        clusters.forEach((role, spec) -> brokers.put(role, spec.brokers()));
        List<TopicSpec> topics = top.required("topics", "the topics the drill creates, like '- name: orders'")
                .map(node -> topics(node, brokers.get(ClusterRole.PRIMARY))).orElse(null);
        Replication replication = top.required("replication", "how the primary is replicated, like 'replication: { engine: mirrormaker2 }'")
                .map(node -> replication(node, topics)).orElse(null);
        ApplicationReader applicationReader = new ApplicationReader(values, topics == null ? null : writtenTopics);
        List<ApplicationSpec> applications = top.read("applications", List.of(), applicationReader::read);
        if (applications != null && !applications.isEmpty() && replication != null
                && replication.policy() != ReplicationPolicy.IDENTITY) {
            values.report(top.get("applications").orElseThrow().at(), "applications need 'replication: { policy: identity }':"
                    + " redeployed on the backup they use the same topic names, which the " + replication.policy().keyword()
                    + " policy renames");
        }
        Traffic traffic = top.required("traffic", "the producers and consumers, like '- producer: { topic: orders }'")
                .map(node -> traffic(node, topics, applicationReader.takenTopics())).orElse(null);
        Detection detection = top.read("detection", Detection.DEFAULT, this::detection);
        List<ReadStep> readSteps = top.required("steps", "what the drill does, like '- run: 10s'")
                .map(node -> new StepReader(values, brokers, applications == null ? null : applicationReader.names()).read(node))
                .orElse(List.of());
        StepRules.check(readSteps, traffic == null || !traffic.consumers().isEmpty(), values);
        RedirectRules.check(readSteps, replication, values);
        Expectations expect = top.read("expect", Expectations.DEFAULT, node -> expectations(node, readSteps, traffic));
        // x-* keys hold YAML anchors for the rest of the file (as in docker-compose); the drill ignores them
        top.ignore(key -> key.startsWith("x-"));
        top.rejectUnknownKeys();

        if (!values.problems().isEmpty()) {
            return Optional.empty();
        }
        List<Step> steps = readSteps.stream().map(ReadStep::step).toList();
        return Optional.of(new Scenario(name, description, tags, severity, clusters.get(ClusterRole.PRIMARY),
                clusters.get(ClusterRole.BACKUP), topics, replication, traffic, detection, steps, expect, applications));
    }

    private String fileName() {
        return Path.of(file).getFileName().toString();
    }

    private String name(Section top) {
        String name = top.text("name", "the scenario's name, the file name without .yaml");
        if (name == null) {
            return null;
        }
        Mark at = top.get("name").orElseThrow().at();
        if (!NAME.matcher(name).matches()) {
            String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            values.report(at, "'name' must be lowercase letters, digits and '-' ([a-z0-9][a-z0-9-]*), got '" + name + "'"
                    + (NAME.matcher(slug).matches() ? "; e.g. '" + slug + "'" : ""));
        } else if (file.endsWith(".yaml") && !fileName().equals(name + ".yaml")) {
            values.report(at, "'name' is '" + name + "' but the file is " + fileName()
                    + "; name the file after the scenario (" + name + ".yaml)");
        }
        return name;
    }

    private List<String> tags(Node node) {
        if (!(node instanceof ListNode list)) {
            values.report(node.at(), "'tags' must be a list like 'tags: [smoke]', got " + YamlTree.describe(node));
            return null;
        }
        Set<String> tags = new LinkedHashSet<>();
        boolean valid = true;
        for (Node item : list.items()) {
            String tag = values.text(item, "tags");
            if (tag != null && !NAME.matcher(tag).matches()) {
                values.report(item.at(), "tag '" + tag + "' must be lowercase letters, digits and '-', like smoke or nightly");
                tag = null;
            } else if (tag != null && !tags.add(tag)) {
                values.report(item.at(), "duplicate tag '" + tag + "'");
            }
            valid &= tag != null;
        }
        return valid ? List.copyOf(tags) : null;
    }

    /** The clusters that read without problems. */
    private Map<ClusterRole, ClusterSetup> clusters(Node node) {
        Map<ClusterRole, ClusterSetup> clusters = new EnumMap<>(ClusterRole.class);
        Optional<Section> read = Section.of(node, "'clusters'", "{ primary: { brokers: 1 }, backup: { brokers: 1 } }", values);
        if (read.isEmpty()) {
            return clusters;
        }
        Section section = read.get();
        for (ClusterRole role : ClusterRole.values()) {
            section.required(role.keyword(), "the " + role.keyword() + " cluster, like '" + role.keyword() + ": { brokers: 1 }'")
                    .map(value -> cluster(value, role)).ifPresent(spec -> clusters.put(role, spec));
        }
        section.rejectUnknownKeys(entry -> Optional.of("clusters are exactly primary and backup, '" + entry.key().value()
                + "' is not one of them" + Suggestions.didYouMean(entry.key().value(), List.of("primary", "backup"))));
        return clusters;
    }

    private ClusterSetup cluster(Node node, ClusterRole role) {
        return Section.orEmpty(node, "the " + role.keyword() + " cluster", "{ brokers: 1 }", values).map(section -> section.build(s -> {
            Long brokers = s.integer("brokers", 1, ClusterSetup.MIN_BROKERS, ClusterSetup.MAX_BROKERS);
            Map<String, String> config = s.read("config", Map.of(), this::brokerConfig);
            KafkaVersion kafka = s.read("kafka", KafkaVersion.HARNESS, value -> values.kafkaVersion(value, "kafka"));
            s.rejectUnknownKeys();
            return () -> new ClusterSetup(role, brokers.intValue(), config, kafka);
        })).orElse(null);
    }

    private Map<String, String> brokerConfig(Node node) {
        return Section.of(node, "'config'", "{ log.retention.ms: 600000 }", values).map(section -> section.build(s -> {
            Map<String, String> config = new LinkedHashMap<>();
            for (Entry entry : s.map().entries()) {
                String key = entry.key().value();
                String value = entry.value() instanceof Scalar scalar && !scalar.isNull() ? scalar.value() : null;
                Optional<String> keyProblem = BrokerOverrides.keyProblem(key);
                keyProblem.ifPresent(message -> values.report(entry.key().at(), message));
                if (value == null) {
                    values.report(entry.value().at(), "broker property '" + key + "' must have a value, got "
                            + YamlTree.describe(entry.value()));
                } else if (keyProblem.isEmpty()) {
                    BrokerOverrides.valueProblem(key, value).ifPresent(message -> values.report(entry.value().at(), message));
                }
                config.put(key, value);
            }
            return () -> config;
        })).orElse(null);
    }

    /** The topics that read without problems; null when there are none to check references against. */
    private List<TopicSpec> topics(Node node, Integer primaryBrokers) {
        if (!(node instanceof ListNode list)) {
            values.report(node.at(), "'topics' must be a list like '- name: orders', got " + YamlTree.describe(node));
            return null;
        }
        if (list.items().isEmpty()) {
            values.report(node.at(), "'topics' is empty; declare at least one topic, like '- name: orders'");
        }
        Map<String, Mark> declared = new LinkedHashMap<>();
        List<TopicSpec> topics = new ArrayList<>();
        for (Node item : list.items()) {
            Section.of(item, "a topic", "{ name: orders, partitions: 3 }", values)
                    .map(section -> section.build(s -> topic(s, primaryBrokers, declared))).ifPresent(topics::add);
        }
        return topics;
    }

    private Supplier<TopicSpec> topic(Section section, Integer primaryBrokers, Map<String, Mark> declared) {
        String name = section.text("name", "the topic's name");
        if (name != null) {
            writtenTopics.add(name);
            topicName(name, section.get("name").orElseThrow().at(), declared);
        }
        Long partitions = section.integer("partitions", TopicSpec.DEFAULT_PARTITIONS, 1, MAX_PARTITIONS);
        int brokers = primaryBrokers == null ? ClusterSetup.MAX_BROKERS : primaryBrokers;
        Long replicationFactor = section.read("replication-factor", (long) TopicSpec.defaultReplicationFactor(brokers),
                node -> values.integer(node, "replication-factor", 1, ClusterSetup.MAX_BROKERS));
        if (replicationFactor != null && replicationFactor > brokers) {
            values.report(section.get("replication-factor").orElseThrow().at(), "'replication-factor' " + replicationFactor
                    + " exceeds the primary cluster's " + brokers + (brokers == 1 ? " broker" : " brokers")
                    + "; lower it or add brokers");
        }
        Long minInsync = section.read("min-insync-replicas", null,
                node -> values.integer(node, "min-insync-replicas", 1, ClusterSetup.MAX_BROKERS));
        if (minInsync != null && replicationFactor != null && minInsync > replicationFactor) {
            values.report(section.get("min-insync-replicas").orElseThrow().at(), "'min-insync-replicas' " + minInsync
                    + " exceeds 'replication-factor' " + replicationFactor + ": no acks=all write could ever succeed");
        }
        Boolean critical = section.bool("critical", true);
        List<List<Integer>> assignment = section.read("replica-assignment", List.of(), node -> replicaAssignment(node, brokers));
        if (assignment != null && !assignment.isEmpty()) {
            Node at = section.get("replica-assignment").orElseThrow();
            if (section.get("partitions").isPresent() && partitions != null && partitions != assignment.size()) {
                values.report(at.at(), "'replica-assignment' lists " + assignment.size() + " partition(s) but 'partitions' is "
                        + partitions + "; drop 'partitions' (the assignment sets it) or make them agree");
            }
            if (section.get("replication-factor").isPresent() && replicationFactor != null
                    && replicationFactor != assignment.get(0).size()) {
                values.report(at.at(), "'replica-assignment' gives " + assignment.get(0).size() + " replica(s) per partition but"
                        + " 'replication-factor' is " + replicationFactor + "; drop 'replication-factor' or make them agree");
            }
            if (minInsync != null && minInsync > assignment.get(0).size()) {
                values.report(section.get("min-insync-replicas").orElseThrow().at(), "'min-insync-replicas' " + minInsync
                        + " exceeds the " + assignment.get(0).size() + " replica(s) of 'replica-assignment'");
            }
        }
        Duration createAfter = section.duration("create-after", null, StepReader.SHORTEST, StepReader.LONGEST);
        section.rejectUnknownKeys();
        return () -> assignment.isEmpty()
                ? new TopicSpec(name, partitions.intValue(), replicationFactor.intValue(),
                        minInsync == null ? OptionalInt.empty() : OptionalInt.of(minInsync.intValue()), critical, List.of(),
                        Optional.ofNullable(createAfter))
                : new TopicSpec(name, assignment.size(), assignment.get(0).size(),
                        minInsync == null ? OptionalInt.empty() : OptionalInt.of(minInsync.intValue()), critical, assignment,
                        Optional.ofNullable(createAfter));
    }

    /**
     * {@code replica-assignment: [[0, 1], [1, 2]]}: per partition, the primary brokers holding its
     * replicas, preferred leader first; every partition the same number of distinct brokers.
     */
    private List<List<Integer>> replicaAssignment(Node node, int brokers) {
        String example = "like [[0, 1], [1, 0]] (per partition, the primary brokers of its replicas, leader first)";
        if (!(node instanceof ListNode partitions) || partitions.items().isEmpty()) {
            values.report(node.at(), "'replica-assignment' must be a non-empty list of broker lists, " + example + ", got "
                    + YamlTree.describe(node));
            return null;
        }
        List<List<Integer>> assignment = new ArrayList<>();
        for (Node item : partitions.items()) {
            if (!(item instanceof ListNode replicas) || replicas.items().isEmpty()) {
                values.report(item.at(), "each partition of 'replica-assignment' is a non-empty list of brokers, " + example
                        + ", got " + YamlTree.describe(item));
                return null;
            }
            List<Integer> ids = new ArrayList<>();
            for (Node replica : replicas.items()) {
                Long id = values.integer(replica, "replica-assignment", 0, Integer.MAX_VALUE);
                if (id == null) {
                    return null;
                }
                if (id >= brokers) {
                    values.report(replica.at(), "'replica-assignment' names broker " + id + " but the primary has brokers 0 to "
                            + (brokers - 1) + "; use one of those or add brokers");
                    return null;
                }
                if (ids.contains(id.intValue())) {
                    values.report(replica.at(), "broker " + id + " appears twice in one partition of 'replica-assignment';"
                            + " each replica needs its own broker");
                    return null;
                }
                ids.add(id.intValue());
            }
            if (!assignment.isEmpty() && ids.size() != assignment.get(0).size()) {
                values.report(item.at(), "every partition of 'replica-assignment' needs the same number of replicas ("
                        + assignment.get(0).size() + " in the first), got " + ids.size());
                return null;
            }
            assignment.add(ids);
        }
        if (assignment.size() > MAX_PARTITIONS) {
            values.report(node.at(), "'replica-assignment' lists " + assignment.size() + " partitions; at most " + MAX_PARTITIONS);
            return null;
        }
        return assignment;
    }

    /** Reports the name unless Kafka and MirrorMaker 2 can take it and no other topic of the scenario has it. */
    private void topicName(String name, Mark at, Map<String, Mark> declared) {
        if (!TOPIC.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            values.report(at, "topic name '" + name + "' is not a legal Kafka topic name: use letters, digits, '.', '_' and '-'"
                    + " (at most 249)");
        } else if (name.equals("heartbeats") || name.endsWith(".internal") || name.startsWith("mm2-")) {
            values.report(at, "topic name '" + name + "' is reserved by MirrorMaker 2 (heartbeats, mm2-*, *.internal); rename it");
        } else if (declared.containsKey(name)) {
            values.report(at, "duplicate topic '" + name + "' (first at line " + declared.get(name).line() + ")");
        } else {
            declared.entrySet().stream().filter(other -> other.getKey().replace('.', '_').equals(name.replace('.', '_')))
                    .findFirst().ifPresentOrElse(other -> values.report(at, "topic '" + name + "' collides with '" + other.getKey()
                            + "' (line " + other.getValue().line() + "): Kafka refuses names that differ only in '.' and '_'"),
                            () -> declared.put(name, at));
        }
    }

    private Replication replication(Node node, List<TopicSpec> topics) {
        return Section.of(node, "'replication'", "{ engine: mirrormaker2, policy: identity }", values).map(section -> section.build(s -> {
            ReplicationEngineKind engine = s.keyword("engine", ReplicationEngineKind.MIRRORMAKER2, ReplicationEngineKind.class);
            ReplicationPolicy policy = s.keyword("policy", ReplicationPolicy.IDENTITY, ReplicationPolicy.class);
            String topicFilter = s.read("topics", Replication.ALL, value -> regex(value, "topics"));
            String groupFilter = s.read("groups", Replication.ALL, value -> regex(value, "groups"));
            Boolean sync = s.bool("sync-group-offsets", true);
            MirrorMakerSetup mirrorMaker = s.read("mirrormaker", MirrorMakerSetup.DEFAULT, value -> mirrorMaker(value, policy));
            s.rejectUnknownKeys();
            if (topicFilter != null && topics != null) {
                List<String> critical = topics.stream().filter(TopicSpec::critical).map(TopicSpec::name).toList();
                if (!critical.isEmpty() && critical.stream().noneMatch(topic -> Pattern.matches(topicFilter, topic))) {
                    values.report(s.get("topics").orElseThrow().at(), "'topics' \"" + topicFilter + "\" matches none of the"
                            + " critical topics (" + String.join(", ", critical) + "), so nothing would be replicated; the regex"
                            + " must match whole topic names");
                }
            }
            return () -> new Replication(engine, policy, topicFilter, groupFilter, sync, mirrorMaker);
        })).orElse(null);
    }

    /** {@code replication.mirrormaker}: a profile and the team's own properties, a file or an inline map. */
    private MirrorMakerSetup mirrorMaker(Node node, ReplicationPolicy policy) {
        return Section.of(node, "'mirrormaker'", "{ config: mm2.properties, profile: kafka-defaults, kafka: 3.9.1 }", values).map(section -> section.build(s -> {
            MirrorMakerProfile profile = s.keyword("profile", MirrorMakerProfile.KAFKA_DEFAULTS, MirrorMakerProfile.class);
            KafkaVersion kafka = s.read("kafka", KafkaVersion.HARNESS, value -> values.kafkaVersion(value, "kafka"));
            Boolean exactlyOnce = s.bool("exactly-once", false);
            boolean checkExactlyOnce = Boolean.TRUE.equals(exactlyOnce);
            List<String> warnings = new ArrayList<>();
            Map<String, String> properties = new LinkedHashMap<>();
            String source = s.read("config", null, value -> {
                if (value instanceof MapNode map) {
                    inlineMirrorMakerConfig(map, policy, checkExactlyOnce, properties, warnings);
                    return MirrorMakerSetup.INLINE;
                }
                String path = values.text(value, "config");
                if (path != null) {
                    mirrorMakerFile(path, value.at(), policy, checkExactlyOnce, properties, warnings);
                }
                return path;
            });
            s.rejectUnknownKeys();
            return () -> new MirrorMakerSetup(profile, properties, source, warnings, kafka, exactlyOnce);
        })).orElse(null);
    }

    private void inlineMirrorMakerConfig(MapNode map, ReplicationPolicy policy, boolean exactlyOnce, Map<String, String> properties,
                                         List<String> warnings) {
        for (Entry entry : map.entries()) {
            String key = entry.key().value();
            String value = entry.value() instanceof Scalar scalar && !scalar.isNull() ? scalar.value() : null;
            if (value == null) {
                values.report(entry.value().at(), "MirrorMaker property '" + key + "' must have a value, got "
                        + YamlTree.describe(entry.value()));
                continue;
            }
            mirrorMakerProperty(file, key, value, entry.key().at(), entry.value().at(), policy, exactlyOnce, warnings);
            properties.put(key, value);
        }
    }

    /** The team's mm2.properties, relative to the scenario file; problems in it are reported at its own lines. */
    private void mirrorMakerFile(String path, Mark at, ReplicationPolicy policy, boolean exactlyOnce, Map<String, String> properties,
                                 List<String> warnings) {
        Path resolved = Path.of(file).resolveSibling(path).normalize();
        String text;
        try {
            text = Files.readString(resolved);
        } catch (IOException | UncheckedIOException e) {
            values.report(at, "cannot read the MirrorMaker config " + resolved + " (relative to the scenario file): "
                    + (e instanceof NoSuchFileException ? "no such file"
                    : Files.isDirectory(resolved) ? "it is a directory" : e.getMessage()));
            return;
        }
        for (PropertiesText.Property property : PropertiesText.read(text)) {
            if (property.value() == null) {
                values.reportIn(resolved.toString(), property.keyAt(), "malformed unicode escape in '" + property.key() + "'");
                continue;
            }
            mirrorMakerProperty(resolved.toString(), property.key(), property.value(), property.keyAt(), property.valueAt(),
                    policy, exactlyOnce, warnings);
            properties.put(property.key(), property.value());
        }
    }

    private void mirrorMakerProperty(String in, String key, String value, Mark keyAt, Mark valueAt, ReplicationPolicy policy,
                                     boolean exactlyOnce, List<String> warnings) {
        MirrorMakerKeys.check(key, value, policy).or(() -> exactlyOnce ? MirrorMakerKeys.exactlyOnceConflict(key, value)
                : Optional.empty()).ifPresent(finding -> {
            switch (finding.kind()) {
                case KEY_PROBLEM -> values.reportIn(in, keyAt, finding.message());
                case VALUE_PROBLEM -> values.reportIn(in, valueAt, finding.message());
                case UNKNOWN_KEY -> warnings.add(in + ":" + keyAt.line() + ":" + keyAt.column() + ": warning: " + finding.message());
            }
        });
    }

    /** A regular expression; a syntax error is reported at the character it is about when the text allows. */
    private String regex(Node node, String key) {
        String regex = values.text(node, key);
        if (regex == null) {
            return null;
        }
        try {
            Pattern.compile(regex);
            return regex;
        } catch (PatternSyntaxException e) {
            values.report(columnOf(node, e.getIndex()), "'" + key + "' is not a valid regular expression: " + e.getDescription());
            return null;
        }
    }

    private Mark columnOf(Node node, int index) {
        Scalar scalar = (Scalar) node;
        int start = scalar.at().column() - 1 + (scalar.quoted() ? 1 : 0);
        int offset = Math.max(0, Math.min(index, scalar.value().length()));
        String line = lines.get(scalar.at().line() - 1);
        boolean writtenAsRead = line.startsWith(scalar.value().substring(0, offset), Math.min(start, line.length()));
        return writtenAsRead ? new Mark(scalar.at().line(), start + offset + 1) : scalar.at();
    }

    private Traffic traffic(Node node, List<TopicSpec> topics, Map<String, String> applicationTopics) {
        if (!(node instanceof ListNode list)) {
            values.report(node.at(), "'traffic' must be a list like '- producer: { topic: orders }', got " + YamlTree.describe(node));
            return null;
        }
        Set<String> declared = topics == null ? null : writtenTopics;
        List<ProducerSpec> producers = new ArrayList<>();
        List<ConsumerSpec> consumers = new ArrayList<>();
        boolean valid = true;
        boolean producerWritten = false;
        for (Node item : list.items()) {
            Optional<Entry> entry = trafficEntry(item);
            String kind = entry.map(e -> e.key().value()).orElse("");
            // a malformed entry may well be the producer: only a clean list proves there is none
            producerWritten |= kind.equals("producer") || entry.isEmpty();
            if (kind.equals("producer")) {
                ProducerSpec producer = producer(entry.get().value(), declared, applicationTopics);
                valid &= producer != null && producers.add(producer);
            } else if (kind.equals("consumer")) {
                ConsumerSpec consumer = consumer(entry.get().value(), declared, applicationTopics);
                valid &= consumer != null && consumers.add(consumer);
            } else {
                valid = false;
            }
        }
        if (!producerWritten) {
            values.report(node.at(), "'traffic' has no producer; a drill needs records to account for, like"
                    + " '- producer: { topic: orders }'");
        }
        return valid && producerWritten ? new Traffic(producers, consumers) : null;
    }

    private Optional<Entry> trafficEntry(Node item) {
        if (!(item instanceof MapNode map) || map.entries().size() != 1) {
            values.report(item.at(), "a traffic entry is '- producer: { topic: orders }' or '- consumer: { group: billing,"
                    + " topic: orders }', got " + (item instanceof MapNode map ? "a map with keys " + String.join(", ", map.keys())
                    : YamlTree.describe(item)));
            return Optional.empty();
        }
        Entry entry = map.entries().get(0);
        String key = entry.key().value();
        if (!key.equals("producer") && !key.equals("consumer")) {
            values.report(entry.key().at(), "unknown traffic entry '" + key + "'"
                    + Suggestions.didYouMean(key, List.of("producer", "consumer")) + " (producer or consumer)");
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    private ProducerSpec producer(Node node, Set<String> declared, Map<String, String> applicationTopics) {
        return Section.of(node, "the producer", "{ topic: orders, rate: 500 }", values).map(section -> section.build(s -> {
            String topic = topicReference(s, declared, applicationTopics);
            Long rate = s.integer("rate", ProducerSpec.DEFAULT_RATE, 1, MAX_RATE);
            Long keys = s.integer("keys", ProducerSpec.DEFAULT_KEYS, 1, MAX_KEYS);
            Long recordSize = s.integer("record-size", ProducerSpec.DEFAULT_RECORD_SIZE, MIN_RECORD_SIZE, MAX_RECORD_SIZE);
            // Kafka's -1 means all; reading it as a typo of 1 would weaken the drill's durability silently
            Acks acks = s.read("acks", Acks.ALL,
                    value -> "-1".equals(Values.scalarText(value)) ? Acks.ALL : values.keyword(value, "acks", Acks.class));
            // Kafka's own rule: idempotence is on by default only where acks allow it
            Boolean idempotent = s.bool("idempotent", acks == Acks.ALL);
            if (Boolean.TRUE.equals(idempotent) && acks != null && acks != Acks.ALL) {
                values.report(s.get("idempotent").orElseThrow().at(), "'idempotent: true' needs 'acks: all' (Kafka refuses"
                        + " idempotence with acks " + acks.keyword() + "); set acks: all or idempotent: false");
            }
            Boolean transactional = s.bool("transactional", false);
            if (Boolean.TRUE.equals(transactional) && acks != null && acks != Acks.ALL) {
                values.report(s.get("transactional").orElseThrow().at(), "'transactional: true' needs 'acks: all'"
                        + " (Kafka's transactions are idempotent); set acks: all");
            } else if (Boolean.TRUE.equals(transactional) && Boolean.FALSE.equals(idempotent)) {
                values.report(s.get("transactional").orElseThrow().at(), "'transactional: true' needs an idempotent"
                        + " producer; remove 'idempotent: false'");
            }
            Long abortEvery = s.integer("abort-every", 0, 0, Integer.MAX_VALUE);
            if (abortEvery != null && abortEvery > 0 && !Boolean.TRUE.equals(transactional)) {
                values.report(s.get("abort-every").orElseThrow().at(), "'abort-every' aborts transactions on purpose and needs"
                        + " 'transactional: true'");
            }
            s.rejectUnknownKeys();
            return () -> new ProducerSpec(topic, rate.intValue(), keys.intValue(), recordSize.intValue(), acks, idempotent,
                    transactional, abortEvery.intValue());
        })).orElse(null);
    }

    private ConsumerSpec consumer(Node node, Set<String> declared, Map<String, String> applicationTopics) {
        return Section.of(node, "the consumer", "{ group: billing, topic: orders }", values).map(section -> section.build(s -> {
            String group = s.text("group", "the consumer group's id");
            if (group != null && !GROUP.matcher(group).matches()) {
                values.report(s.get("group").orElseThrow().at(), "group '" + group + "' must be letters, digits, '.', '_' and '-'");
            }
            String topic = topicReference(s, declared, applicationTopics);
            s.rejectUnknownKeys();
            return () -> new ConsumerSpec(group, topic);
        })).orElse(null);
    }

    /**
     * The {@code topic} of a producer or consumer, which must be one of the declared topics and not
     * an application's: the application's records are the harness's own, counted by another check.
     */
    private String topicReference(Section section, Set<String> declared, Map<String, String> applicationTopics) {
        String topic = section.text("topic", "one of the declared topics");
        if (topic != null && declared != null && !declared.contains(topic)) {
            values.report(section.get("topic").orElseThrow().at(), "topic '" + topic + "' is not declared in 'topics'"
                    + Suggestions.didYouMean(topic, declared)
                    + (declared.isEmpty() ? "" : " (declared: " + String.join(", ", declared.stream().sorted().toList()) + ")"));
            return null;
        }
        if (topic != null && applicationTopics.containsKey(topic)) {
            values.report(section.get("topic").orElseThrow().at(), "topic '" + topic + "' belongs to application '"
                    + applicationTopics.get(topic) + "'; the harness feeds and reads it itself, so traffic needs a topic of its own");
            return null;
        }
        return topic;
    }

    private Detection detection(Node node) {
        return Section.of(node, "'detection'", "{ window: 3s, probe-interval: 250ms }", values).map(section -> section.build(s -> {
            Duration window = s.duration("window", Detection.DEFAULT.window(), StepReader.SHORTEST, LONGEST_DETECTION);
            Duration probeInterval = s.duration("probe-interval", Detection.DEFAULT.probeInterval(), StepReader.SHORTEST,
                    LONGEST_DETECTION);
            s.rejectUnknownKeys();
            if (window != null && probeInterval != null && probeInterval.compareTo(window) > 0) {
                Mark at = s.get("probe-interval").or(() -> s.get("window")).orElseThrow().at();
                values.report(at, "'probe-interval' (" + Durations.format(probeInterval) + ") must not exceed 'window' ("
                        + Durations.format(window) + "): the detector probes at least once per window");
            }
            return () -> new Detection(window, probeInterval);
        })).orElse(null);
    }

    private Expectations expectations(Node node, List<ReadStep> steps, Traffic traffic) {
        return Section.orEmpty(node, "'expect'", "{ lost-acked-records: 0, rto: 30s }", values).map(section -> section.build(s -> {
            Long lost = s.read("lost-acked-records", null, value -> values.integer(value, "lost-acked-records", 0, Long.MAX_VALUE));
            Duration rpo = s.duration("rpo", null, Duration.ZERO, StepReader.LONGEST);
            Duration rto = s.duration("rto", null, Duration.ZERO, StepReader.LONGEST);
            Long duplicates = s.read("consumer-duplicates", null, value -> values.integer(value, "consumer-duplicates", 0, Long.MAX_VALUE));
            Long skipped = s.integer("skipped-records", 0, 0, Long.MAX_VALUE);
            Long abortedReads = s.read("aborted-reads", null, value -> values.integer(value, "aborted-reads", 0, Long.MAX_VALUE));
            Long split = s.read("split-transactions", null, value -> values.integer(value, "split-transactions", 0, Long.MAX_VALUE));
            Long sameCluster = s.read("same-cluster-duplicates", null,
                    value -> values.integer(value, "same-cluster-duplicates", 0, Long.MAX_VALUE));
            OrderExpectation order = s.keyword("order", OrderExpectation.PER_KEY, OrderExpectation.class);
            Boolean allRestored = s.read("restored-records", false, value -> {
                if ("all".equals(Values.scalarText(value))) {
                    return true;
                }
                values.report(value.at(), "'restored-records' can only be all, got " + YamlTree.describe(value));
                return null;
            });
            s.rejectUnknownKeys();
            List<StepKind> kinds = steps.stream().map(ReadStep::kind).toList();
            int firstFailover = kinds.indexOf(StepKind.FAILOVER);
            boolean disaster = (firstFailover < 0 ? List.<StepKind>of() : kinds.subList(0, firstFailover)).contains(StepKind.FAULT);
            if (rto != null && !disaster) {
                values.report(s.get("rto").orElseThrow().at(), "'rto' needs a disaster to measure from: a fault step before"
                        + " the first failover");
            }
            // both figures exist only for transactions: a bound without a transactional producer could never break
            boolean transactional = traffic == null || traffic.producers().stream().anyMatch(ProducerSpec::transactional);
            for (String key : List.of("aborted-reads", "split-transactions")) {
                s.get(key).filter(bound -> !transactional).ifPresent(bound -> values.report(bound.at(), "'" + key
                        + "' needs a transactional producer (traffic: - producer: { ..., transactional: true })"));
            }
            if (Boolean.TRUE.equals(allRestored) && !kinds.contains(StepKind.RESTORE)) {
                values.report(s.get("restored-records").orElseThrow().at(), "'restored-records' needs a restore step");
            }
            return () -> new Expectations(lost == null ? OptionalLong.empty() : OptionalLong.of(lost), Optional.ofNullable(rpo),
                    Optional.ofNullable(rto), duplicates == null ? OptionalLong.empty() : OptionalLong.of(duplicates), skipped,
                    order, allRestored, abortedReads == null ? OptionalLong.empty() : OptionalLong.of(abortedReads),
                    split == null ? OptionalLong.empty() : OptionalLong.of(split),
                    sameCluster == null ? OptionalLong.empty() : OptionalLong.of(sameCluster));
        })).orElse(null);
    }
}
