package io.firedrill.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The far ends the proxy benchmarks talk to, on loopback: an echo server (round trips) and a sink
 * that reads and counts (throughput). Each connection gets its own thread with a direct buffer,
 * so the servers cost the same whether a proxy sits in front of them or not.
 */
final class LoopbackPeers implements AutoCloseable {

    private final ServerSocketChannel echo;
    private final ServerSocketChannel sink;
    private final AtomicLong sunk = new AtomicLong();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> sockets = new CopyOnWriteArrayList<>();

    LoopbackPeers() throws IOException {
        echo = listen();
        sink = listen();
        start(() -> accept(echo, true));
        start(() -> accept(sink, false));
    }

    private static ServerSocketChannel listen() throws IOException {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    InetSocketAddress echoAddress() throws IOException {
        return (InetSocketAddress) echo.getLocalAddress();
    }

    InetSocketAddress sinkAddress() throws IOException {
        return (InetSocketAddress) sink.getLocalAddress();
    }

    /** Bytes the sink has read, over all its connections. */
    long sunk() {
        return sunk.get();
    }

    static SocketChannel connect(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return channel;
    }

    /** Writes {@code ping} and reads as many bytes back into {@code pong}: one round trip. */
    static void pingPong(SocketChannel channel, ByteBuffer ping, ByteBuffer pong) throws IOException {
        ping.clear();
        while (ping.hasRemaining()) {
            channel.write(ping);
        }
        pong.clear();
        while (pong.hasRemaining()) {
            if (channel.read(pong) < 0) {
                throw new IOException("echo connection closed");
            }
        }
    }

    private void start(Runnable task) {
        Thread thread = new Thread(task, "bench-peer");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void accept(ServerSocketChannel listener, boolean echoBack) {
        while (true) {
            SocketChannel socket;
            try {
                socket = listener.accept();
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                return;
            }
            sockets.add(socket);
            start(() -> serve(socket, echoBack));
        }
    }

    private void serve(SocketChannel socket, boolean echoBack) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        try (socket) {
            while (true) {
                buffer.clear();
                int read = socket.read(buffer);
                if (read < 0) {
                    return;
                }
                if (echoBack) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        socket.write(buffer);
                    }
                } else {
                    sunk.addAndGet(read);
                }
            }
        } catch (IOException e) {
            // the benchmark closed its side
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        echo.close();
        sink.close();
        for (SocketChannel socket : sockets) {
            socket.close();
        }
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
