package io.firedrill.scenario;

import io.firedrill.scenario.YamlTree.Entry;
import io.firedrill.scenario.YamlTree.ListNode;
import io.firedrill.scenario.YamlTree.Mark;
import io.firedrill.scenario.YamlTree.Node;
import io.firedrill.scenario.YamlTree.Scalar;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code applications:} into {@link ApplicationSpec}s, reporting every problem at its
 * place: unknown keys, a missing command, topics that are not declared or shared, unknown
 * {@code ${...}} placeholders, a readiness condition that is not one, and what the harness cannot
 * run yet (an {@code image:}).
 */
final class ApplicationReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final int MAX_RATE = 10_000;
    private static final Duration LONGEST_READY = Duration.ofMinutes(10);

    private final Values values;
    /** Declared topic names; null when {@code topics:} itself is wrong, so references are not judged. */
    private final Set<String> declaredTopics;
    /** Topics taken by an application so far, with the application that took them. */
    private final Map<String, String> takenTopics = new LinkedHashMap<>();
    private final Set<String> names = new LinkedHashSet<>();

    ApplicationReader(Values values, Set<String> declaredTopics) {
        this.values = values;
        this.declaredTopics = declaredTopics;
    }

    /** The applications that read without problems; null when the list itself is not one. */
    List<ApplicationSpec> read(Node node) {
        if (!(node instanceof ListNode list)) {
            values.report(node.at(), "'applications' must be a list like '- name: billing', got " + YamlTree.describe(node));
            return null;
        }
        List<ApplicationSpec> applications = new ArrayList<>();
        for (Node item : list.items()) {
            Section.of(item, "an application", "{ name: billing, command: [./billing], input: orders, output: invoices,"
                            + " policy: identity }", values)
                    .map(section -> section.build(this::application)).ifPresent(applications::add);
        }
        return applications;
    }

    /** Every application name written, valid or not: fault targets are judged against these. */
    Set<String> names() {
        return names;
    }

    /** The topics the applications read and write: traffic must leave them alone. */
    Map<String, String> takenTopics() {
        return takenTopics;
    }

    private Supplier<ApplicationSpec> application(Section s) {
        String name = s.text("name", "how steps name it, as in 'target: application/billing'");
        if (name != null && !NAME.matcher(name).matches()) {
            values.report(s.get("name").orElseThrow().at(), "application name '" + name + "' must be lowercase letters, digits"
                    + " and '-' ([a-z0-9][a-z0-9-]*)");
        } else if (name != null && !names.add(name)) {
            values.report(s.get("name").orElseThrow().at(), "duplicate application '" + name + "'");
        }
        s.get("image").ifPresent(image -> values.report(image.at(), "'image' is not supported yet: applications run as"
                + " child processes of the harness, not as containers (the testcontainers backend cannot start them);"
                + " give a 'command' that runs it, like 'command: [docker, run, --rm, --network, host, IMAGE]'"));
        List<String> command = s.required("command", "what starts it, a list like [java, -jar, app.jar] or one shell line")
                .map(this::command).orElse(null);
        Map<String, String> env = s.read("env", Map.of(), this::env);
        String input = topic(s, "input", "the topic the harness writes and the application reads", name);
        String output = topic(s, "output", "the topic the application writes and the harness reads", name);
        if (input != null && input.equals(output)) {
            values.report(s.get("output").orElseThrow().at(), "'output' is the input topic '" + input + "'; an application"
                    + " under drill reads one topic and writes another");
        }
        String group = s.read("group", name, node -> values.text(node, "group"));
        ApplicationReadiness ready = s.read("ready", new ApplicationReadiness.GroupMember(ApplicationReadiness.DEFAULT_TIMEOUT),
                this::readiness);
        ApplicationPolicy policy = s.required("policy", "what it does to records; 'policy: identity' (it copies each record"
                        + " unchanged) is the one policy so far")
                .map(node -> values.keyword(node, "policy", ApplicationPolicy.class)).orElse(null);
        Long rate = s.integer("rate", ApplicationSpec.DEFAULT_RATE, 1, MAX_RATE);
        s.rejectUnknownKeys();
        return () -> new ApplicationSpec(name, command, env, input, output, group, ready, policy, rate.intValue());
    }

    /** A list of words as given, or one line for {@code sh -c} (pipes and variables work). */
    private List<String> command(Node node) {
        if (node instanceof Scalar) {
            String line = values.text(node, "command");
            return line == null ? null : List.of("sh", "-c", line);
        }
        if (!(node instanceof ListNode list) || list.items().isEmpty()) {
            values.report(node.at(), "'command' must be a non-empty list like [java, -jar, app.jar] or one shell line,"
                    + " got " + YamlTree.describe(node));
            return null;
        }
        List<String> words = new ArrayList<>();
        for (Node item : list.items()) {
            words.add(values.text(item, "command"));
        }
        return words.contains(null) ? null : words;
    }

    private Map<String, String> env(Node node) {
        return Section.of(node, "'env'", "{ KAFKA_BOOTSTRAP: \"${bootstrap}\" }", values).map(section -> section.build(s -> {
            Map<String, String> env = new LinkedHashMap<>();
            for (Entry entry : s.map().entries()) {
                String key = entry.key().value();
                if (!ENV_NAME.matcher(key).matches()) {
                    values.report(entry.key().at(), "environment variable '" + key + "' must be letters, digits and '_',"
                            + " not starting with a digit");
                }
                String value = entry.value() instanceof Scalar scalar && !scalar.isNull() ? scalar.value() : null;
                if (value == null) {
                    values.report(entry.value().at(), "environment variable '" + key + "' must have a text value, got "
                            + YamlTree.describe(entry.value()));
                    continue;
                }
                placeholders(value, entry.value().at());
                env.put(key, value);
            }
            return () -> env;
        })).orElse(null);
    }

    private void placeholders(String value, Mark at) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            String placeholder = matcher.group(1);
            if (!ApplicationSpec.PLACEHOLDERS.contains(placeholder)) {
                values.report(at, "unknown placeholder '${" + placeholder + "}'" + Suggestions.didYouMean(placeholder,
                        ApplicationSpec.PLACEHOLDERS) + " (placeholders: " + String.join(", ", ApplicationSpec.PLACEHOLDERS.stream()
                        .map(p -> "${" + p + "}").toList()) + ")");
            }
        }
    }

    private String topic(Section s, String key, String purpose, String application) {
        String topic = s.text(key, purpose);
        if (topic == null) {
            return null;
        }
        Mark at = s.get(key).orElseThrow().at();
        if (declaredTopics != null && !declaredTopics.contains(topic)) {
            values.report(at, "topic '" + topic + "' is not declared in 'topics'" + Suggestions.didYouMean(topic, declaredTopics));
            return null;
        }
        String owner = takenTopics.putIfAbsent(topic, application == null ? "?" : application);
        if (owner != null && !owner.equals(application)) { // its own input again is reported as such below
            values.report(at, "topic '" + topic + "' is already used by application '" + owner + "'; each application"
                    + " needs its own input and output topics, or the records of one would count against the other");
        }
        return topic;
    }

    private ApplicationReadiness readiness(Node node) {
        return Section.of(node, "'ready'", "{ group-member: true } or { http: http://127.0.0.1:8080/health }", values)
                .map(section -> section.build(s -> {
                    Boolean member = s.read("group-member", null, value -> values.bool(value, "group-member"));
                    URI url = s.read("http", null, this::url);
                    Duration timeout = s.duration("timeout", ApplicationReadiness.DEFAULT_TIMEOUT, StepReader.SHORTEST, LONGEST_READY);
                    s.rejectUnknownKeys();
                    boolean both = Boolean.TRUE.equals(member) && s.get("http").isPresent();
                    boolean neither = !Boolean.TRUE.equals(member) && s.get("http").isEmpty();
                    if (both || neither) {
                        values.report(s.at(), "'ready' takes one condition: 'group-member: true' (a member of the"
                                + " application's group on its input topic) or 'http: URL' (a 2xx answer)");
                    }
                    return () -> url != null ? new ApplicationReadiness.Http(url, timeout)
                            : new ApplicationReadiness.GroupMember(timeout);
                })).orElse(null);
    }

    private URI url(Node node) {
        String text = values.text(node, "http");
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below, with the expected form
        }
        values.report(node.at(), "'http' must be an http(s) URL like http://127.0.0.1:8080/health, got '" + text + "'");
        return null;
    }
}
