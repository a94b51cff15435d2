package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** A client's connection through a proxy: the client socket, the upstream socket, and a link each way. */
final class ProxiedConnection {

    private final EmbeddedProxy proxy;
    private final SocketChannel client;
    private final SocketChannel upstream;
    private final Link upstreamLink;
    private final Link downstreamLink;
    private final AtomicInteger openLinks = new AtomicInteger(2);
    private final String description;

    ProxiedConnection(EmbeddedProxy proxy, SocketChannel client, SocketChannel upstream, Executor executor,
                      LongAdder[] received, LongAdder[] sent) {
        this.proxy = proxy;
        this.client = client;
        this.upstream = upstream;
        this.description = describe(proxy, client);
        this.upstreamLink = new Link(this, Direction.UPSTREAM, client, upstream, executor,
                received[Direction.UPSTREAM.ordinal()], sent[Direction.UPSTREAM.ordinal()]);
        this.downstreamLink = new Link(this, Direction.DOWNSTREAM, upstream, client, executor,
                received[Direction.DOWNSTREAM.ordinal()], sent[Direction.DOWNSTREAM.ordinal()]);
    }

    private static String describe(EmbeddedProxy proxy, SocketChannel client) {
        try {
            return "proxy " + proxy.name() + " client " + client.getRemoteAddress();
        } catch (IOException e) {
            return "proxy " + proxy.name();
        }
    }

    /** Puts the proxy's toxics on both links and starts moving data. */
    void start(ProxyToxics toxics, Executor executor) {
        toxics.attach(upstreamLink);
        toxics.attach(downstreamLink);
        executor.execute(upstreamLink::pump);
        executor.execute(downstreamLink::pump);
    }

    /** From now on closing a socket sends a TCP RST instead of a FIN (reset_peer). */
    void resetOnClose() {
        for (SocketChannel socket : new SocketChannel[] {client, upstream}) {
            try {
                socket.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                // already closed: nothing left to reset
            }
        }
    }

    void linkFinished(Link link) {
        proxy.toxics().detach(link);
        if (openLinks.decrementAndGet() == 0) {
            closeQuietly(client);
            closeQuietly(upstream);
            proxy.forget(this);
        }
    }

    /** Drops the connection at once, as disabling or deleting a proxy does. */
    void close() {
        closeQuietly(client);
        closeQuietly(upstream);
        upstreamLink.finish();
        downstreamLink.finish();
    }

    static void closeQuietly(SocketChannel socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
