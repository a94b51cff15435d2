package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real TCP upstream for the proxy tests: echoes every byte back and records how each
 * connection ended (the peer's FIN, a TCP reset, or its own close).
 */
final class EchoServer implements AutoCloseable {

    enum Ending { EOF, RESET, CLOSED }

    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> handlers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final BlockingQueue<Ending> endings = new LinkedBlockingQueue<>();
    private final AtomicLong bytesReceived = new AtomicLong();

    EchoServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "echo-accept");
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    String hostPort() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Connections as the server accepted them, oldest first. */
    BlockingQueue<Socket> accepted() {
        return accepted;
    }

    BlockingQueue<Ending> endings() {
        return endings;
    }

    long bytesReceived() {
        return bytesReceived.get();
    }

    int openConnections() {
        return (int) connections.stream().filter(socket -> !socket.isClosed()).count();
    }

    private void accept() {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                return;
            }
            connections.add(socket);
            accepted.add(socket);
            Thread handler = new Thread(() -> echo(socket), "echo-" + socket.getPort());
            handlers.add(handler);
            handler.start();
        }
    }

    private void echo(Socket socket) {
        byte[] buffer = new byte[64 * 1024];
        Ending ending;
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    ending = Ending.EOF;
                    break;
                }
                bytesReceived.addAndGet(read);
                out.write(buffer, 0, read);
            }
        } catch (SocketException e) {
            ending = String.valueOf(e.getMessage()).contains("reset") ? Ending.RESET : Ending.CLOSED;
        } catch (IOException e) {
            ending = Ending.CLOSED;
        }
        endings.add(ending);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        acceptor.join();
        for (Socket socket : connections) {
            socket.close();
        }
        for (Thread handler : handlers) {
            handler.join();
        }
    }
}
