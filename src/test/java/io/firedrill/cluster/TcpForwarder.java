package io.firedrill.cluster;

import io.firedrill.support.HostPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP relay standing in for a fault proxy in cluster tests: what a client listener
 * advertises must be where clients go, so everything they send passes through it.
 */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final HostPort upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    TcpForwarder(int listenPort, HostPort upstream) throws IOException {
        this.server = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        Thread acceptor = new Thread(this::accept, "forwarder-" + listenPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Client connections relayed so far. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress(upstream.host(), upstream.port()), 5_000);
                sockets.add(client);
                sockets.add(broker);
                connections.incrementAndGet();
                pipe(client, broker);
                pipe(broker, client);
            } catch (IOException e) {
                // closed, or the broker refused: the client sees its connection drop
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "forwarder-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(TcpForwarder::closeQuietly);
    }
}
