package io.firedrill.cluster.external;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.support.BadInputException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Clusters that already exist (staging), named by bootstrap servers and client properties in a
 * properties file: {@code primary.bootstrap.servers=...}, {@code primary.security.protocol=...},
 * {@code backup.bootstrap.servers=...}. The file is {@code -Dfiredrill.external.config} or
 * {@code $FIREDRILL_EXTERNAL_CONFIG}. Firedrill does not own these brokers, so lifecycle faults are
 * refused, and clients cannot be routed through fault proxies (the brokers advertise their own
 * addresses).
 */
public final class ExternalClusterBackend implements ClusterBackend {

    public static final String CONFIG_PROPERTY = "firedrill.external.config";
    public static final String CONFIG_ENV = "FIREDRILL_EXTERNAL_CONFIG";

    private final Path source;
    private final Properties config;
    private final Optional<TeamMirrorMaker> teamMirrorMaker;

    public ExternalClusterBackend(Path source, Properties config) {
        this.source = source;
        this.config = config;
        this.teamMirrorMaker = TeamMirrorMaker.from(source, config);
    }

    public static ExternalClusterBackend fromConfiguration() {
        String location = System.getProperty(CONFIG_PROPERTY, System.getenv(CONFIG_ENV));
        if (location == null || location.isBlank()) {
            throw new BadInputException("the external backend needs a properties file naming the clusters: set "
                    + CONFIG_ENV + " (or -D" + CONFIG_PROPERTY + ") to a file with primary.bootstrap.servers and backup.bootstrap.servers");
        }
        Path file = Path.of(location);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the external cluster configuration (" + e.getMessage() + ")");
        }
        return new ExternalClusterBackend(file, properties);
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public boolean supportsProxies() {
        return false;
    }

    @Override
    public Optional<TeamMirrorMaker> teamMirrorMaker() {
        return teamMirrorMaker;
    }

    @Override
    public KafkaCluster start(ClusterSpec spec) {
        String prefix = spec.name() + ".";
        Map<String, Object> client = new LinkedHashMap<>();
        config.stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).sorted()
                .forEach(key -> client.put(key.substring(prefix.length()), config.getProperty(key)));
        Object bootstrap = client.remove("bootstrap.servers");
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new BadInputException(source + ": no " + prefix + "bootstrap.servers; add the " + spec.name()
                    + " cluster's bootstrap servers");
        }
        return ExternalKafkaCluster.connect(spec.name(), bootstrap.toString(), client);
    }
}
