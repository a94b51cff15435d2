package io.firedrill.fault.toxiproxy;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code toxiproxy-server} found on PATH, started with {@code -host}/{@code -port} and
 * stopped (SIGTERM) when the backend closes or, failing that, when this JVM exits. Its output goes
 * to {@link #log()}.
 */
public final class BinaryToxiproxyBackend implements ToxiproxyBackend {

    static final String NAME = "binary";
    static final String EXECUTABLE = "toxiproxy-server";

    private static final Logger LOG = LoggerFactory.getLogger(BinaryToxiproxyBackend.class);

    private final Process process;
    private final Path log;
    private final URI apiUrl;
    private final ToxiproxyClient client;
    private final Thread killOnExit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BinaryToxiproxyBackend(Process process, Path log, InetSocketAddress api) {
        this.process = process;
        this.log = log;
        this.apiUrl = URI.create("http://" + ToxiproxyAddress.dialForm(api));
        this.client = new ToxiproxyClient(api.getHostString(), api.getPort());
        this.killOnExit = new Thread(process::destroyForcibly, "toxiproxy-server-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code toxiproxy-server} from PATH with its API on {@code api} (port 0: a free port). */
    public static BinaryToxiproxyBackend start(InetSocketAddress api) {
        return start(api, System.getenv("PATH"));
    }

    static BinaryToxiproxyBackend start(InetSocketAddress api, String searchPath) {
        Path executable = findOnPath(searchPath).orElseThrow(() -> new ToxiproxyBackendException(
                EXECUTABLE + " was not found on PATH: install Toxiproxy 2.x (the toxiproxy-server binary or .deb of "
                        + "https://github.com/Shopify/toxiproxy/releases, or `brew install toxiproxy`), "
                        + "or use the embedded backend, which needs nothing installed"));
        InetSocketAddress address = api.getPort() == 0
                ? new InetSocketAddress(api.getAddress(), freePort(api.getAddress())) : api;
        String host = ToxiproxyAddress.ip(address.getAddress());
        Path log;
        Process process;
        try {
            log = Files.createTempFile("toxiproxy-server-" + address.getPort() + "-", ".log");
            process = new ProcessBuilder(executable.toString(), "-host", host, "-port", Integer.toString(address.getPort()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new ToxiproxyBackendException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        BinaryToxiproxyBackend backend = new BinaryToxiproxyBackend(process, log, address);
        try {
            Awaitility.await().atMost(15, SECONDS).pollInterval(50, MILLISECONDS).pollInSameThread()
                    .until(() -> !process.isAlive() || backend.answers());
        } catch (ConditionTimeoutException e) {
            // reported below
        }
        if (!process.isAlive() || !backend.answers()) {
            String output = tail(log);
            backend.close();
            throw new ToxiproxyBackendException(executable + " did not serve its API on " + backend.apiUrl
                    + (process.isAlive() ? " within 15 s" : " (exit code " + process.exitValue() + ")")
                    + "; its output: " + output);
        }
        LOG.info("Started {} (pid {}) with its API on {}, log {}", executable, process.pid(), backend.apiUrl, log);
        return backend;
    }

    static Optional<Path> findOnPath(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, EXECUTABLE);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freePort(InetAddress host) {
        try (ServerSocket socket = new ServerSocket(0, 1, host)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ToxiproxyBackendException("no free port on " + host.getHostAddress() + " for toxiproxy-server: "
                    + e.getMessage(), e);
        }
    }

    private boolean answers() {
        try {
            client.version();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "(none)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The server's combined stdout and stderr. */
    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI apiUrl() {
        return apiUrl;
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    /** SIGTERM, which toxiproxy-server answers by shutting down; SIGKILL if it has not after 5 s. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, SECONDS)) {
                process.destroyForcibly().waitFor(5, SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs anyway
        }
    }
}
