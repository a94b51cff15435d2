package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy of the embedded server (Toxiproxy's Proxy): a listener, the connections it accepted,
 * and the proxy's toxics. Enabling binds the listener; disabling closes it and drops every live
 * connection at once, which is how a link is cut.
 */
final class EmbeddedProxy {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProxy.class);
    /** How long a dial to the upstream may take: a live broker answers in milliseconds. */
    static final Duration DIAL_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final String threadPrefix;
    private final ExecutorService executor;
    private final ProxyToxics toxics = new ProxyToxics();
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    /**
     * Sockets of connections still dialling their upstream (the accepted client and the dial),
     * tracked from the moment they exist, so stopping the proxy closes them too: an upstream that
     * never answers would otherwise keep a thread and two descriptors per connection.
     */
    private final Set<SocketChannel> dialling = ConcurrentHashMap.newKeySet();
    private final LongAdder[] received = {new LongAdder(), new LongAdder()};
    private final LongAdder[] sent = {new LongAdder(), new LongAdder()};

    private volatile String listen;
    private volatile String upstream;
    private boolean enabled;
    private ServerSocketChannel listener;
    private Thread acceptor;
    /** Changes on every stop, so a connection dialled across a stop is dropped, not kept. */
    private long generation;

    EmbeddedProxy(String name, String listen, String upstream, ExecutorService executor, String threadPrefix) {
        this.name = name;
        this.threadPrefix = threadPrefix;
        this.listen = listen;
        this.upstream = upstream;
        this.executor = executor;
    }

    String name() {
        return name;
    }

    ProxyToxics toxics() {
        return toxics;
    }

    String listen() {
        return listen;
    }

    String upstream() {
        return upstream;
    }

    synchronized boolean enabled() {
        return enabled;
    }

    long receivedBytes(Direction direction) {
        return received[direction.ordinal()].sum();
    }

    long sentBytes(Direction direction) {
        return sent[direction.ordinal()].sum();
    }

    /**
     * Binds the listen address and starts accepting; {@code listen} then shows the real address
     * (port 0 becomes the port picked).
     *
     * @return false if the proxy was already running
     */
    synchronized boolean start() throws ApiError {
        if (enabled) {
            return false;
        }
        InetSocketAddress address = listenAddress(listen);
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            // rebinding must work while connections of the last run linger in TIME_WAIT
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, 128);
            listen = ToxiproxyAddress.listenerForm((InetSocketAddress) channel.getLocalAddress());
        } catch (IOException e) {
            closeQuietly(channel);
            String reason = e instanceof BindException && e.getMessage() != null
                    ? e.getMessage().toLowerCase(Locale.ROOT) : String.valueOf(e.getMessage());
            throw ApiError.internal("listen tcp " + ToxiproxyAddress.listenerForm(address) + ": bind: " + reason);
        }
        ServerSocketChannel bound = channel;
        listener = bound;
        enabled = true;
        long runGeneration = generation;
        acceptor = new Thread(() -> accept(bound, runGeneration), threadPrefix + "accept-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.debug("Started proxy {} on {} to {}", name, listen, upstream);
        return true;
    }

    private static InetSocketAddress listenAddress(String listen) throws ApiError {
        try {
            ToxiproxyAddress hostPort = ToxiproxyAddress.parse(listen);
            if (hostPort.anyHost()) {
                return new InetSocketAddress(hostPort.port());
            }
            return new InetSocketAddress(hostPort.resolve().get(0), hostPort.port());
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw ApiError.internal("listen tcp: " + e.getMessage());
        }
    }

    /** Closes the listener and drops every live connection. */
    synchronized void stop() {
        if (!enabled) {
            return;
        }
        enabled = false;
        generation++;
        closeQuietly(listener);
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProxiedConnection> live = new ArrayList<>(connections);
        connections.clear();
        live.forEach(ProxiedConnection::close);
        List<SocketChannel> pending = new ArrayList<>(dialling);
        dialling.clear();
        pending.forEach(ProxiedConnection::closeQuietly);
        LOG.debug("Stopped proxy {} ({} connections dropped, {} dials cut)", name, live.size(), pending.size() / 2);
    }

    /**
     * Toxiproxy's update: a changed listen or upstream restarts the proxy (dropping its
     * connections), then {@code enabled} starts or stops it.
     */
    synchronized void update(String newListen, String newUpstream, boolean newEnabled) throws ApiError {
        if (differs(newListen, newUpstream)) {
            stop();
            listen = newListen;
            upstream = newUpstream;
        }
        if (newEnabled != enabled) {
            if (newEnabled) {
                start();
            } else {
                stop();
            }
        }
    }

    /** Whether another proxy definition needs a restart: Toxiproxy compares the resolved listen address. */
    synchronized boolean differs(String otherListen, String otherUpstream) throws ApiError {
        String resolved;
        try {
            resolved = ToxiproxyAddress.parse(otherListen).resolvedForm();
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw ApiError.internal(e.getMessage());
        }
        return !listen.equals(resolved) || !upstream.equals(otherUpstream);
    }

    private void accept(ServerSocketChannel channel, long runGeneration) {
        while (true) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                return;
            }
            String target = upstream;
            try {
                executor.execute(() -> connect(client, target, runGeneration));
            } catch (RejectedExecutionException e) {
                ProxiedConnection.closeQuietly(client);
            }
        }
    }

    private void connect(SocketChannel client, String target, long runGeneration) {
        SocketChannel server = null;
        try {
            track(client, runGeneration);
            configure(client);
            server = dial(target, runGeneration);
            configure(server);
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("Proxy {}: unable to open connection to upstream {}: {}", name, target, e.getMessage());
            dialling.remove(client);
            ProxiedConnection.closeQuietly(client);
            ProxiedConnection.closeQuietly(server);
            return;
        }
        ProxiedConnection connection = new ProxiedConnection(this, client, server, executor, received, sent);
        synchronized (this) {
            dialling.remove(client);
            dialling.remove(server);
            if (!enabled || generation != runGeneration) {
                connection.close();
                return;
            }
            connections.add(connection);
        }
        LOG.debug("Accepted {}", connection);
        try {
            connection.start(toxics, executor);
        } catch (RejectedExecutionException e) {
            connection.close();
        }
    }

    /** Dials each address of the upstream in turn, each dial tracked and bounded by {@link #DIAL_TIMEOUT}. */
    private SocketChannel dial(String target, long runGeneration) throws IOException {
        ToxiproxyAddress hostPort = ToxiproxyAddress.parse(target);
        IOException failure = null;
        for (InetAddress address : hostPort.resolve()) {
            SocketChannel channel = SocketChannel.open();
            try {
                track(channel, runGeneration);
                channel.socket().connect(new InetSocketAddress(address, hostPort.port()), (int) DIAL_TIMEOUT.toMillis());
                return channel;
            } catch (IOException e) {
                dialling.remove(channel);
                ProxiedConnection.closeQuietly(channel);
                failure = e;
            }
        }
        throw failure != null ? failure : new IOException("no address for " + target);
    }

    /** Tracks a socket of a connection being set up, unless the proxy stopped since it was accepted. */
    private synchronized void track(SocketChannel channel, long runGeneration) throws IOException {
        if (!enabled || generation != runGeneration) {
            throw new IOException("the proxy stopped");
        }
        dialling.add(channel);
    }

    private static void configure(SocketChannel socket) throws IOException {
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    void forget(ProxiedConnection connection) {
        connections.remove(connection);
    }

    int connectionCount() {
        return connections.size();
    }

    synchronized String toJson() {
        StringJoiner toxicsJson = new StringJoiner(",", "[", "]");
        toxics.all().forEach(toxic -> toxicsJson.add(toxic.toJson()));
        return "{\"name\":" + GoJson.quote(name)
                + ",\"listen\":" + GoJson.quote(listen)
                + ",\"upstream\":" + GoJson.quote(upstream)
                + ",\"enabled\":" + enabled
                + ",\"toxics\":" + toxicsJson + "}";
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }
}
