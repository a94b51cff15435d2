package io.firedrill.cluster.testcontainers;

import io.firedrill.process.ChildJvm;
import io.firedrill.process.RunDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Firedrill's own Ryuk, for engines where Ryuk cannot be pulled or run privileged
 * ({@code TESTCONTAINERS_RYUK_DISABLED=true}): a small JVM started beside the harness, in its own
 * session so a signal to the harness's process group does not reach it, that waits for its stdin
 * pipe from the harness to close, which happens however the harness ends, SIGKILL included, and
 * then removes every container (with its volumes) and network labelled with that harness.
 * It is deliberately not a {@link ChildJvm}: those die with the harness, and this one must outlive it.
 */
final class ContainerReaper {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerReaper.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** Kept open (never written) for the harness's lifetime: the reaper's signal is its end. */
    private static OutputStream lifeline;

    private ContainerReaper() {}

    /** Starts this JVM's reaper once; a harness that cannot start one runs on, its leftovers swept by the next run. */
    static synchronized void startFor(String harness) {
        if (lifeline != null) {
            return;
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", ChildJvm.defaultClasspath(), ContainerReaper.class.getName(), harness, DockerApi.configuredHost()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(RunDirectory.current().resolve("container-reaper.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            lifeline = builder.start().getOutputStream();
        } catch (IOException e) {
            LOG.warn("could not start the container reaper ({}); containers of this run stay if it is killed,"
                    + " until the next Firedrill run removes them", e.getMessage());
        }
    }

    /** {@code ContainerReaper <harness label> <docker host>}: waits for stdin to close, then removes. */
    public static void main(String[] args) throws IOException {
        String harness = args[0];
        while (System.in.read() >= 0) {
            // nothing is ever written; the read returns -1 when the harness is gone
        }
        Optional<DockerApi> engine = DockerApi.at(args[1]);
        if (engine.isEmpty()) {
            throw new UncheckedIOException(new IOException("cannot speak to the Docker engine at " + args[1]));
        }
        List<String> removed = DockerLeftovers.remove(engine.get(), harness::equals);
        // its own log file, whatever logback's levels: the one record of what it did
        System.out.println("harness " + harness + " gone; removed " + (removed.isEmpty() ? "nothing" : removed));
    }
}
