package io.firedrill.fault.toxiproxy;

import com.sun.net.httpserver.HttpServer;
import io.firedrill.support.TerminationSignals;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Toxiproxy-compatible server inside this JVM: Toxiproxy v2's HTTP API and semantics (proxies,
 * toxics on both streams, toxicity, enable/disable, populate, reset) with no Docker and no
 * binary. Any Toxiproxy client can drive it.
 *
 * <pre>{@code
 * try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(new InetSocketAddress("127.0.0.1", 0))) {
 *     ToxiproxyClient client = new ToxiproxyClient(toxiproxy.address().getHostString(), toxiproxy.address().getPort());
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedToxiproxy implements AutoCloseable {

    /** Where Toxiproxy listens by default, and so where its clients look first. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 8474);

    /** The Toxiproxy release whose HTTP API this server speaks; {@code GET /version} reports it. */
    public static final String API_VERSION = "2.12.0";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedToxiproxy.class);

    private final HttpServer http;
    private final ExecutorService apiThreads;
    private final ExecutorService linkThreads;
    private final ProxyRegistry registry;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedToxiproxy(HttpServer http, ExecutorService apiThreads, ExecutorService linkThreads,
                              ProxyRegistry registry) {
        this.http = http;
        this.apiThreads = apiThreads;
        this.linkThreads = linkThreads;
        this.registry = registry;
        this.address = http.getAddress();
    }

    /**
     * Starts the API on {@code address} (port 0: any free port, see {@link #address()}).
     *
     * @throws IOException when the address cannot be bound, with a message naming it
     */
    public static EmbeddedToxiproxy start(InetSocketAddress address) throws IOException {
        HttpServer http;
        try {
            http = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new IOException("cannot serve the Toxiproxy API on " + ToxiproxyAddress.dialForm(address) + ": "
                    + e.getMessage() + "; choose another address (port 0 picks a free one) or stop what uses it", e);
        }
        String threadPrefix = threadPrefix(http.getAddress());
        ExecutorService apiThreads = Executors.newCachedThreadPool(daemonThreads(threadPrefix + "api"));
        ExecutorService linkThreads = Executors.newCachedThreadPool(daemonThreads(threadPrefix + "link"));
        ProxyRegistry registry = new ProxyRegistry(linkThreads, threadPrefix);
        http.createContext("/", new ToxiproxyApi(registry));
        http.setExecutor(apiThreads);
        http.start();
        EmbeddedToxiproxy server = new EmbeddedToxiproxy(http, apiThreads, linkThreads, registry);
        LOG.info("Embedded Toxiproxy (API {}) listening on {}", API_VERSION, server.apiUrl());
        return server;
    }

    /** The bound API address, with the real port when port 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8474}. */
    public URI apiUrl() {
        return URI.create("http://" + ToxiproxyAddress.dialForm(address));
    }

    /** Stops the API, every proxy and every connection, and waits for their threads to end. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        registry.clear();
        apiThreads.shutdownNow();
        linkThreads.shutdownNow();
        try {
            if (!linkThreads.awaitTermination(5, TimeUnit.SECONDS) || !apiThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Embedded Toxiproxy threads still running 5 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Embedded Toxiproxy on {} stopped", apiUrl());
    }

    /**
     * Parses {@code HOST:PORT} (IPv6 as {@code [::1]:8474}) for {@code --listen}.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static InetSocketAddress parseListenAddress(String hostPort) {
        try {
            ToxiproxyAddress parsed = ToxiproxyAddress.parse(hostPort);
            if (parsed.anyHost()) {
                return new InetSocketAddress(parsed.port());
            }
            return new InetSocketAddress(parsed.resolve().get(0), parsed.port());
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new IllegalArgumentException("invalid listen address '" + hostPort + "' (" + e.getMessage()
                    + "): expected HOST:PORT, e.g. 127.0.0.1:8474");
        }
    }

    /**
     * Runs the server in the foreground until SIGTERM or SIGINT, then stops it and returns normally
     * (so the caller exits 0). This is {@code drill toxiproxy --listen HOST:PORT}.
     */
    public static void runForeground(InetSocketAddress address) throws IOException, InterruptedException {
        runForeground(address, System.out);
    }

    static void runForeground(InetSocketAddress address, PrintStream out) throws IOException, InterruptedException {
        try (TerminationSignals signals = TerminationSignals.install();
             EmbeddedToxiproxy server = start(address)) {
            out.println("Toxiproxy-compatible API (Toxiproxy " + API_VERSION + ") on " + server.apiUrl()
                    + "; stop with Ctrl-C or SIGTERM");
            out.flush();
            signals.await();
            out.println("Stopping the embedded Toxiproxy on " + server.apiUrl());
            out.flush();
        }
    }

    /**
     * {@code java -cp ... io.firedrill.fault.toxiproxy.EmbeddedToxiproxy [--listen HOST:PORT]}; also
     * takes toxiproxy-server's {@code -host HOST -port PORT}, so it can stand in for that binary.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        String usage = "usage: EmbeddedToxiproxy [--listen HOST:PORT | -host HOST -port PORT]   (default 127.0.0.1:8474)";
        String host = DEFAULT_ADDRESS.getHostString();
        String port = Integer.toString(DEFAULT_ADDRESS.getPort());
        String listen = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--listen" -> listen = args[i + 1];
                case "-host", "--host" -> host = args[i + 1];
                case "-port", "--port" -> port = args[i + 1];
                default -> exit(2, usage);
            }
        }
        if (args.length % 2 != 0) {
            exit(2, usage);
        }
        try {
            String address = listen != null ? listen : (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
            runForeground(parseListenAddress(address));
        } catch (IllegalArgumentException | IOException e) {
            exit(e instanceof IOException ? 3 : 2, e.getMessage());
        }
    }

    private static void exit(int status, String message) {
        System.err.println(message);
        System.exit(status);
    }

    /** Names this server's threads apart from another server's in the same JVM: toxiproxy-8474-link-3. */
    static String threadPrefix(InetSocketAddress api) {
        return "toxiproxy-" + api.getPort() + "-";
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
