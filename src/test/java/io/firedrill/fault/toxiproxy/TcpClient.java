package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A client connection through a proxy, with the reads the tests need. */
final class TcpClient implements AutoCloseable {

    /** How a read ended when no data came. */
    enum Outcome { EOF, RESET, SILENT }

    private final Socket socket;
    private final InputStream in;

    TcpClient(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
    }

    static TcpClient to(String hostPort) throws IOException {
        return new TcpClient(EmbeddedToxiproxy.parseListenAddress(hostPort));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("connection ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** Sends bytes and waits for them to come back; returns the round trip. */
    Duration echo(byte[] bytes) throws IOException {
        long start = System.nanoTime();
        send(bytes);
        byte[] back = readExactly(bytes.length);
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
        if (!java.util.Arrays.equals(bytes, back)) {
            throw new IOException("echo came back different");
        }
        return roundTrip;
    }

    /** Reads until the connection ends, failing if data arrives; SILENT if nothing happens within {@code wait}. */
    Outcome awaitEnd(Duration wait) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) wait.toMillis());
        try {
            int read = in.read();
            if (read >= 0) {
                throw new IOException("expected the connection to end, but data arrived");
            }
            return Outcome.EOF;
        } catch (SocketTimeoutException e) {
            return Outcome.SILENT;
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                return Outcome.RESET;
            }
            throw e;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previous);
            }
        }
    }

    InputStream input() {
        return in;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
