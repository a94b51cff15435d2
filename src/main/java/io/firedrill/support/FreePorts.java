package io.firedrill.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free loopback ports for brokers and proxies. Ports are chosen by the kernel and never handed
 * out twice by this JVM, so two clusters started in parallel cannot be given the same port even
 * though the probe socket is closed before the broker binds it.
 */
public final class FreePorts {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    public static int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found after 100 attempts");
    }

    public static List<Integer> next(int count) {
        List<Integer> ports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ports.add(next());
        }
        return ports;
    }

    /**
     * The ports a cluster's brokers listen on: {@code count} free ports, or when the user fixed a
     * first port, the consecutive range from it, refused at once if any of it is taken.
     */
    public static List<Integer> forCluster(String cluster, Integer firstPort, int count) {
        if (firstPort == null) {
            return next(count);
        }
        List<Integer> ports = new ArrayList<>(count);
        for (int port = firstPort; port < firstPort + count; port++) {
            if (!isFree(LOOPBACK, port)) {
                throw new BadInputException("cluster '" + cluster + "': port " + LOOPBACK + ":" + port
                        + " is already in use; choose another first port (it needs " + count
                        + " consecutive free ports) or stop what listens there");
            }
            ports.add(port);
        }
        return ports;
    }

    /** True when nothing listens on the port and this process may bind it. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback socket to find a free port", e);
        }
    }
}
