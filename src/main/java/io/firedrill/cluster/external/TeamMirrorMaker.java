package io.firedrill.cluster.external;

import io.firedrill.support.BadInputException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The team's own MirrorMaker 2, which a drill on the external backend follows instead of starting
 * one: {@code mirrormaker=team} in the external configuration. Firedrill reads its flow through
 * its topics (offset syncs, checkpoints, heartbeats), named the way the team's config names them,
 * and turns MirrorMaker faults into the team's commands.
 *
 * <pre>
 * mirrormaker=team
 * mirrormaker.config=mm2.properties            # their mm2.properties (relative to this file): policy, separator, offset-syncs location
 * mirrormaker.source.alias=primary             # the primary's alias in it (default primary)
 * mirrormaker.target.alias=backup              # the backup's alias in it (default backup)
 * mirrormaker.kill.command=kubectl scale deployment/mm2 --replicas=0
 * mirrormaker.restart.command=kubectl scale deployment/mm2 --replicas=1
 * </pre>
 *
 * @param settings       what names the flow's topics: the team's {@code replication.policy.*} keys and
 *                       {@code offset-syncs.topic.location}, with the flow's own ({@code a->b.}) keys over the global ones
 * @param killCommand    run by {@code bash -c} for a {@code mirrormaker-kill} fault
 * @param restartCommand run by {@code bash -c} for a {@code mirrormaker-restart} fault
 */
public record TeamMirrorMaker(Path file, String sourceAlias, String targetAlias, Map<String, String> settings,
                              Optional<String> killCommand, Optional<String> restartCommand) {

    public static final String MODE = "mirrormaker";
    static final String PREFIX = "mirrormaker.";
    static final List<String> KEYS = List.of("mirrormaker.config", "mirrormaker.source.alias", "mirrormaker.target.alias",
            "mirrormaker.kill.command", "mirrormaker.restart.command");

    public TeamMirrorMaker {
        settings = Map.copyOf(settings);
    }

    /** The team's MirrorMaker from the external configuration {@code file}; empty when Firedrill runs its own. */
    static Optional<TeamMirrorMaker> from(Path file, Properties config) {
        String mode = config.getProperty(MODE, "firedrill").strip();
        List<String> unknown = config.stringPropertyNames().stream()
                .filter(key -> key.startsWith(PREFIX) && !KEYS.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new BadInputException(file + ": unknown key " + unknown.get(0) + "; the team MirrorMaker keys are "
                    + String.join(", ", KEYS));
        }
        if (mode.equals("firedrill")) {
            List<String> given = KEYS.stream().filter(config::containsKey).toList();
            if (!given.isEmpty()) {
                throw new BadInputException(file + ": " + given.get(0) + " is set but Firedrill runs its own MirrorMaker;"
                        + " set mirrormaker=team to follow the team's");
            }
            return Optional.empty();
        }
        if (!mode.equals("team")) {
            throw new BadInputException(file + ": mirrormaker=" + mode + " is neither firedrill (Firedrill starts MirrorMaker 2,"
                    + " the default) nor team (Firedrill follows the team's own)");
        }
        String source = config.getProperty("mirrormaker.source.alias", "primary").strip();
        String target = config.getProperty("mirrormaker.target.alias", "backup").strip();
        Map<String, String> mm2 = new LinkedHashMap<>();
        String location = config.getProperty("mirrormaker.config");
        if (location != null && !location.isBlank()) {
            Path mm2File = file.toAbsolutePath().getParent().resolve(location.strip());
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(mm2File)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new BadInputException(file + ": mirrormaker.config " + mm2File + " cannot be read (" + e.getMessage() + ")");
            }
            properties.stringPropertyNames().forEach(key -> mm2.put(key, properties.getProperty(key).strip()));
            String clusters = mm2.getOrDefault("clusters", "");
            List<String> aliases = List.of(clusters.split("\\s*,\\s*"));
            if (!aliases.contains(source) || !aliases.contains(target)) {
                throw new BadInputException(file + ": the team's MirrorMaker config " + mm2File + " has clusters=" + clusters
                        + ", not the aliases " + source + " and " + target + "; set mirrormaker.source.alias and mirrormaker.target.alias");
            }
        }
        String flow = source + "->" + target + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        mm2.forEach((key, value) -> {
            if (namesTopics(key)) {
                settings.put(key, value);
            }
        });
        mm2.forEach((key, value) -> {
            if (key.startsWith(flow) && namesTopics(key.substring(flow.length()))) {
                settings.put(key.substring(flow.length()), value);
            }
        });
        // Kafka's defaults where the team's config is silent: prefixed names, offset syncs on the source
        settings.putIfAbsent("replication.policy.class", "org.apache.kafka.connect.mirror.DefaultReplicationPolicy");
        settings.putIfAbsent("offset-syncs.topic.location", "source");
        return Optional.of(new TeamMirrorMaker(file, source, target, settings,
                command(config, "mirrormaker.kill.command"), command(config, "mirrormaker.restart.command")));
    }

    private static boolean namesTopics(String key) {
        return key.startsWith("replication.policy.") || key.equals("offset-syncs.topic.location");
    }

    private static Optional<String> command(Properties config, String key) {
        return Optional.ofNullable(config.getProperty(key)).map(String::strip).filter(command -> !command.isEmpty());
    }

    /** The keys given, for messages. */
    public String describe() {
        return "the team's MirrorMaker 2 (" + sourceAlias + "->" + targetAlias + ", followed, not started by Firedrill; "
                + settings.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
