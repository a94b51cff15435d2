package io.firedrill.cluster.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Containers and networks a Firedrill harness created and did not remove. Everything the
 * testcontainers backend creates carries {@value DockerEngine#HARNESS_LABEL}={@code host/pid};
 * what belongs to a harness of this host whose pid is gone (SIGKILLed while Ryuk was off, or
 * the engine was unreachable when it died) is removed, with its volumes, by the next Firedrill
 * drill on this host, whichever backend it uses, and each removal is said on the console (the
 * logger is at INFO in logback.xml).
 */
public final class DockerLeftovers {

    /** What this JVM labels its containers and networks with. */
    static final String THIS_HARNESS = hostName() + "/" + ProcessHandle.current().pid();
    private static final Logger LOG = LoggerFactory.getLogger(DockerLeftovers.class);
    private static final Object ONCE = new Object();
    private static volatile boolean swept;

    private DockerLeftovers() {}

    /**
     * Once per JVM: removes what dead harnesses of this host left on the engine at
     * {@code DOCKER_HOST} (or the local socket). Without an engine it returns at once; an engine
     * that fails or hangs (each call is cut off after 5 s) costs a warning, never the drill.
     */
    public static void removeWhatDeadHarnessesLeft() {
        synchronized (ONCE) {
            if (swept) {
                return;
            }
            swept = true;
        }
        Optional<DockerApi> engine = DockerApi.at(DockerApi.configuredHost());
        if (engine.isEmpty()) {
            return;
        }
        try {
            remove(engine.get(), DockerLeftovers::deadHarnessOfThisHost);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not look for containers left by killed Firedrill runs on {}: {}", DockerApi.configuredHost(), e.getMessage());
        }
    }

    /**
     * Removes the labelled containers (forced, with their volumes), then the labelled networks,
     * whose owner {@code host/pid} matches; returns what it removed, e.g. {@code container firedrill-primary-broker-0-1a2b}.
     */
    static List<String> remove(DockerApi engine, Predicate<String> owner) throws IOException {
        String filter = "?filters=" + URLEncoder.encode("{\"label\":[\"" + DockerEngine.HARNESS_LABEL + "\"]}", StandardCharsets.UTF_8);
        List<String> removed = new ArrayList<>();
        for (JsonNode container : engine.get("/containers/json?all=1&" + filter.substring(1))) {
            String harness = container.path("Labels").path(DockerEngine.HARNESS_LABEL).asText();
            if (owner.test(harness)) {
                String name = container.path("Names").path(0).asText(container.path("Id").asText()).replace("/", "");
                if (engine.delete("/containers/" + container.path("Id").asText() + "?force=1&v=1") / 100 == 2) {
                    LOG.info("removed container {} (and its volumes) left by Firedrill run {}, which was killed", name, harness);
                    removed.add("container " + name);
                }
            }
        }
        for (JsonNode network : engine.get("/networks" + filter)) {
            String harness = network.path("Labels").path(DockerEngine.HARNESS_LABEL).asText();
            if (owner.test(harness) && engine.delete("/networks/" + network.path("Id").asText()) / 100 == 2) {
                LOG.info("removed network {} left by Firedrill run {}, which was killed", network.path("Name").asText(), harness);
                removed.add("network " + network.path("Name").asText());
            }
        }
        return removed;
    }

    /** Only this host's harnesses: another host's pids say nothing here (a shared remote engine). */
    static boolean deadHarnessOfThisHost(String harness) {
        String host = THIS_HARNESS.substring(0, THIS_HARNESS.lastIndexOf('/') + 1);
        if (!harness.startsWith(host)) {
            return false;
        }
        try {
            long pid = Long.parseLong(harness.substring(host.length()));
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
