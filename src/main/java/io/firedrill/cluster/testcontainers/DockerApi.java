package io.firedrill.cluster.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The few Docker Engine API calls Firedrill makes without Testcontainers: the engine's API
 * version (asked before Testcontainers connects, which needs it) and the sweep of leftovers (run
 * by every drill, also on the process backend, and by the reaper of a killed harness, where
 * starting Testcontainers would cost seconds and need Ryuk). Plain HTTP/1.0 over the engine's
 * unix socket or an unencrypted {@code tcp://} address; a TLS engine is not spoken to here.
 */
final class DockerApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MS = 5_000;

    private final URI host;

    private DockerApi(URI host) {
        this.host = host;
    }

    /** The engine Testcontainers would find first: {@code DOCKER_HOST}, else the local socket. */
    static String configuredHost() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() ? DockerEngine.DEFAULT_DOCKER_HOST : host;
    }

    /**
     * A client for {@code dockerHost}, or empty when this class cannot speak to it: a socket file
     * that does not exist, TLS ({@code DOCKER_TLS_VERIFY}), another scheme.
     */
    static Optional<DockerApi> at(String dockerHost) {
        URI uri = URI.create(dockerHost);
        boolean tls = "1".equals(System.getenv("DOCKER_TLS_VERIFY"));
        return switch (String.valueOf(uri.getScheme())) {
            case "unix" -> Files.exists(Path.of(uri.getPath())) ? Optional.of(new DockerApi(uri)) : Optional.empty();
            case "tcp", "http" -> tls ? Optional.empty() : Optional.of(new DockerApi(uri));
            default -> Optional.empty();
        };
    }

    /** A GET answered with 2xx, as JSON. */
    JsonNode get(String path) throws IOException {
        Response response = exchange("GET", path);
        if (response.status / 100 != 2) {
            throw new IOException("GET " + path + ": HTTP " + response.status + " " + response.body);
        }
        return JSON.readTree(response.body);
    }

    /** The status of a DELETE: 2xx removed, 404 already gone, 409 busy (a network still in use). */
    int delete(String path) throws IOException {
        return exchange("DELETE", path).status;
    }

    private Response exchange(String method, String path) throws IOException {
        byte[] request = (method + " " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] raw;
        if ("unix".equals(host.getScheme())) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                // a unix channel has no read timeout: a hung engine is cut off by closing it
                CompletableFuture.delayedExecutor(TIMEOUT_MS, TimeUnit.MILLISECONDS).execute(() -> closeQuietly(channel));
                channel.connect(UnixDomainSocketAddress.of(host.getPath()));
                raw = roundTrip(Channels.newOutputStream(channel), Channels.newInputStream(channel), request);
            }
        } else {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host.getHost(), host.getPort()), TIMEOUT_MS);
                socket.setSoTimeout(TIMEOUT_MS);
                raw = roundTrip(socket.getOutputStream(), socket.getInputStream(), request);
            }
        }
        return Response.parse(new String(raw, StandardCharsets.UTF_8));
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed already: the exchange ended in time
        }
    }

    /** HTTP/1.0: the engine answers without chunking and closes the connection at the end. */
    private static byte[] roundTrip(OutputStream out, InputStream in, byte[] request) throws IOException {
        out.write(request);
        out.flush();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        in.transferTo(response);
        return response.toByteArray();
    }

    private record Response(int status, String body) {
        static Response parse(String raw) throws IOException {
            int headersEnd = raw.indexOf("\r\n\r\n");
            String[] statusLine = raw.substring(0, Math.max(raw.indexOf("\r\n"), 0)).split(" ");
            if (headersEnd < 0 || statusLine.length < 2) {
                throw new IOException("not an HTTP answer from the Docker engine: " + raw.substring(0, Math.min(raw.length(), 80)));
            }
            return new Response(Integer.parseInt(statusLine[1]), raw.substring(headersEnd + 4));
        }
    }
}
