package io.firedrill.scenario;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * A scenario file's YAML as a small tree whose every node knows its 1-based line and column.
 * Aliases are resolved and merge keys ({@code <<: *defaults}) applied; duplicate keys, recursive
 * aliases, non-text keys, extra documents and syntax errors become problems.
 */
final class YamlTree {

    /** A 1-based position in the file. */
    record Mark(int line, int column) {
        static final Mark START = new Mark(1, 1);
    }

    sealed interface Node permits Scalar, MapNode, ListNode {
        Mark at();
    }

    enum ScalarType { NULL, BOOL, INT, FLOAT, TEXT }

    /** A scalar as written; quoted scalars are always TEXT. */
    record Scalar(String value, ScalarType type, boolean quoted, Mark at) implements Node {
        boolean isNull() {
            return type == ScalarType.NULL;
        }
    }

    record Entry(Scalar key, Node value) {
    }

    record MapNode(List<Entry> entries, Mark at) implements Node {
        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().value().equals(key)).findFirst();
        }

        List<String> keys() {
            return entries.stream().map(e -> e.key().value()).toList();
        }
    }

    record ListNode(List<Node> items, Mark at) implements Node {
    }

    /**
     * The most values a file may hold once its aliases are expanded. The largest library scenario
     * holds about 200; a "billion laughs" file of ten nested anchors holds 9^10 and would exhaust
     * the heap long before its tree is built.
     */
    static final long MAX_VALUES = 10_000;

    /** A scenario nests five or six levels deep; far deeper is no scenario, and would recurse deeply. */
    static final int MAX_DEPTH = 20;

    /** Plain in flow style means no indicator first, no flow punctuation, no ": " or " #" anywhere. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile("^[!&*?|>'\"%@`#]|[,{}\\[\\]]|: | #");

    private final Problems problems;
    private final Set<org.yaml.snakeyaml.nodes.Node> converting = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlTree(Problems problems) {
        this.problems = problems;
    }

    /** The file's one document, or empty once the reason is among {@code problems}. */
    static Optional<Node> read(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            Optional<Problem> bomb = beyondLimits(yaml, text, problems.file());
            if (bomb.isPresent()) {
                problems.add(new Mark(bomb.get().line(), bomb.get().column()), bomb.get().message());
                return Optional.empty();
            }
            Iterator<org.yaml.snakeyaml.nodes.Node> documents = yaml.composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                problems.add(Mark.START, "the file is empty; a scenario needs name, description, clusters, topics,"
                        + " replication, traffic and steps");
                return Optional.empty();
            }
            Node root = new YamlTree(problems).convert(documents.next());
            if (documents.hasNext()) {
                problems.add(mark(documents.next()), "a scenario file holds one YAML document; remove the '---'"
                        + " and what follows, or move it to its own file");
            }
            return Optional.of(root);
        } catch (MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(at == null ? Mark.START : new Mark(at.getLine() + 1, at.getColumn() + 1), syntaxMessage(e));
        } catch (ReaderException e) {
            problems.add(position(text, e.getPosition()), String.format(
                    "the file holds a character YAML does not allow (U+%04X); remove it", e.getCodePoint()));
        } catch (YAMLException e) {
            problems.add(Mark.START, "cannot read the YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Counts the values of the file as conversion would expand them, from the parser's events
     * alone (nothing is expanded: an alias adds its anchor's known size), and names the first
     * alias, or the first value, that takes the count past {@link #MAX_VALUES}, or the first map or
     * list nested deeper than {@link #MAX_DEPTH}. SnakeYAML's own alias cap counts aliases, not
     * what they expand to, so it lets a bomb of 90 aliases through.
     */
    private static Optional<Problem> beyondLimits(Yaml yaml, String text, String file) {
        Map<String, Long> anchorSizes = new HashMap<>();
        Deque<Long> openedAt = new ArrayDeque<>();
        Deque<String> openAnchors = new ArrayDeque<>();
        long values = 0;
        for (Event event : yaml.parse(new StringReader(text))) {
            if (event instanceof AliasEvent alias) {
                // an alias to an anchor still open (recursion) is reported during conversion; it counts once here
                values += anchorSizes.getOrDefault(alias.getAnchor(), 1L);
            } else if (event instanceof ScalarEvent || event instanceof CollectionStartEvent) {
                values++;
                String anchor = ((NodeEvent) event).getAnchor();
                if (event instanceof ScalarEvent && anchor != null) {
                    anchorSizes.put(anchor, 1L);
                } else if (event instanceof CollectionStartEvent) {
                    openedAt.push(values - 1);
                    openAnchors.push(anchor == null ? "" : anchor);
                    if (openedAt.size() > MAX_DEPTH) {
                        return Optional.of(new Problem(file, event.getStartMark().getLine() + 1, event.getStartMark().getColumn() + 1,
                                "maps and lists nested more than " + MAX_DEPTH + " levels deep; a scenario needs a handful"));
                    }
                }
            } else if (event instanceof CollectionEndEvent && !openedAt.isEmpty()) {
                long size = values - openedAt.pop();
                String anchor = openAnchors.pop();
                if (!anchor.isEmpty()) {
                    anchorSizes.put(anchor, size);
                }
            }
            if (values > MAX_VALUES) {
                org.yaml.snakeyaml.error.Mark at = event.getStartMark();
                String message = event instanceof AliasEvent alias
                        ? String.format("the alias *%s takes the file past %,d values once expanded (an alias bomb);"
                                + " a scenario needs far fewer: do not build anchors out of aliases of anchors", alias.getAnchor(), MAX_VALUES)
                        : String.format("the file holds more than %,d values; a scenario needs far fewer: split it or"
                                + " remove what the drill does not use", MAX_VALUES);
                return Optional.of(new Problem(file, at.getLine() + 1, at.getColumn() + 1, message));
            }
        }
        return Optional.empty();
    }

    /** How a node is described in "must be X, got Y" messages. */
    static String describe(Node node) {
        if (node instanceof Scalar scalar) {
            String firstLine = scalar.value().lines().findFirst().orElse("");
            String shown = firstLine.length() > 40 || !firstLine.equals(scalar.value()) ? firstLine.substring(0, Math.min(40, firstLine.length())) + "..." : firstLine;
            return scalar.isNull() ? "nothing" : "'" + shown + "'";
        }
        return node instanceof MapNode ? "a map" : "a list";
    }

    /** The node on one line in flow style, for a step's text: {@code { type: latency, latency: 300ms }}. */
    static String render(Node node) {
        if (node instanceof Scalar scalar) {
            return scalar.isNull() ? "" : quoteIfNeeded(scalar.value());
        }
        if (node instanceof MapNode map) {
            return map.entries().isEmpty() ? "{}" : map.entries().stream()
                    .map(e -> e.value() instanceof Scalar s && s.isNull() ? e.key().value() + ":" : e.key().value() + ": " + render(e.value()))
                    .collect(Collectors.joining(", ", "{ ", " }"));
        }
        return ((ListNode) node).items().stream().map(YamlTree::render).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quoteIfNeeded(String value) {
        boolean plain = !value.isEmpty() && value.strip().equals(value) && !NEEDS_QUOTES.matcher(value).find();
        return plain ? value : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private Node convert(org.yaml.snakeyaml.nodes.Node node) {
        if (!converting.add(node)) {
            problems.add(mark(node), "this alias refers to the map or list that holds it; a scenario cannot be recursive");
            // an empty stand-in of the same shape keeps the recursion from being reported again as a wrong type
            return node instanceof SequenceNode ? new ListNode(List.of(), mark(node)) : new MapNode(List.of(), mark(node));
        }
        try {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return new ListNode(sequence.getValue().stream().map(this::convert).toList(), mark(node));
            }
            return map((MappingNode) node);
        } finally {
            converting.remove(node);
        }
    }

    private MapNode map(MappingNode node) {
        Map<String, Entry> explicit = new LinkedHashMap<>();
        Map<String, Entry> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
            if (keyNode instanceof ScalarNode key && key.getTag().equals(Tag.MERGE)) {
                merge(tuple.getValueNode(), merged);
            } else if (!(keyNode instanceof ScalarNode)) {
                problems.add(mark(keyNode), "a key must be a word, not a map or a list");
            } else {
                Scalar key = scalar((ScalarNode) keyNode);
                Entry first = explicit.get(key.value());
                if (first != null) {
                    problems.add(key.at(), "duplicate key '" + key.value() + "' (first at line " + first.key().at().line()
                            + "); write each key once");
                } else {
                    explicit.put(key.value(), new Entry(key, convert(tuple.getValueNode())));
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        merged.forEach((key, entry) -> {
            if (!explicit.containsKey(key)) {
                entries.add(entry);
            }
        });
        entries.addAll(explicit.values());
        return new MapNode(List.copyOf(entries), mark(node));
    }

    /** YAML merge keys: the first map merged wins, keys written beside the {@code <<} win over all. */
    private void merge(org.yaml.snakeyaml.nodes.Node source, Map<String, Entry> merged) {
        List<org.yaml.snakeyaml.nodes.Node> maps = source instanceof SequenceNode sequence ? sequence.getValue() : List.of(source);
        for (org.yaml.snakeyaml.nodes.Node map : maps) {
            if (map instanceof MappingNode && convert(map) instanceof MapNode converted) {
                converted.entries().forEach(entry -> merged.putIfAbsent(entry.key().value(), entry));
            } else {
                problems.add(mark(map), "'<<' merges a map or a list of maps, like '<<: *defaults'");
            }
        }
    }

    private static Scalar scalar(ScalarNode node) {
        boolean quoted = node.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
        Tag tag = node.getTag();
        ScalarType type = quoted ? ScalarType.TEXT
                : tag.equals(Tag.NULL) ? ScalarType.NULL
                : tag.equals(Tag.BOOL) ? ScalarType.BOOL
                : tag.equals(Tag.INT) ? ScalarType.INT
                : tag.equals(Tag.FLOAT) ? ScalarType.FLOAT
                : ScalarType.TEXT;
        return new Scalar(node.getValue(), type, quoted, mark(node));
    }

    private static Mark mark(org.yaml.snakeyaml.nodes.Node node) {
        return new Mark(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    private static Mark position(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int[] codePoints = text.codePoints().limit(Math.max(0, codePointIndex)).toArray();
        for (int codePoint : codePoints) {
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Mark(line, column);
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        if (problem.contains("\\t(TAB)")) {
            return "YAML syntax error: a tab character; indent with spaces (YAML does not allow tabs)";
        }
        String message = "YAML syntax error: " + problem.replace("<stream end>", "the end of the file")
                .replace("<block end>", "the end of the block").replace("'?'", "a new key").replaceAll(" got :$", " got ':'");
        if (problem.startsWith("mapping values are not allowed")) {
            message += " (quote a value that holds ': ', or check the indentation)";
        } else if (e.getContext() != null && e.getContextMark() != null) {
            message += " (" + e.getContext() + " that starts at line " + (e.getContextMark().getLine() + 1) + ")";
        }
        return message;
    }
}
