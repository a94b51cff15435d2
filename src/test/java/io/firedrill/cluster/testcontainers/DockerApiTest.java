package io.firedrill.cluster.testcontainers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's API version, asked over a unix socket before Testcontainers connects. */
class DockerApiTest {

    @TempDir
    Path dir;

    @Test
    void anEngineOlderThanDocker25IsSpokenToInItsOwnVersion() throws Exception {
        List<String> requests = new ArrayList<>();
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker.sock"), "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\"}", requests)) {
            DockerApi api = DockerApi.at("unix://" + engine.socket).orElseThrow();

            assertThat(DockerEngine.olderApiOf(api)).contains("1.41");
            assertThat(requests).containsExactly("GET /version HTTP/1.0");
        }
    }

    @Test
    void aCurrentEngineKeepsDockerJavasDefault() throws Exception {
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker.sock"), "{\"ApiVersion\":\"1.51\"}", new ArrayList<>())) {
            assertThat(DockerEngine.olderApiOf(DockerApi.at("unix://" + engine.socket).orElseThrow())).isEmpty();
        }
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(DockerEngine.olderApi("1.41", "1.44")).isTrue();
        assertThat(DockerEngine.olderApi("1.9", "1.44")).isTrue();
        assertThat(DockerEngine.olderApi("1.44", "1.44")).isFalse();
        assertThat(DockerEngine.olderApi("1.100", "1.44")).isFalse();
        assertThat(DockerEngine.olderApi("", "1.44")).isFalse();
    }

    @Test
    void noSocketFileMeansNoEngineToAsk() {
        assertThat(DockerApi.at("unix://" + dir.resolve("absent.sock"))).isEmpty();
        assertThat(DockerApi.at("npipe:////./pipe/docker_engine")).isEmpty();
    }

    /** Answers each connection's request line with one HTTP/1.0 200 and closes, as dockerd does for HTTP/1.0. */
    private static final class FakeEngine implements AutoCloseable {
        final Path socket;
        private final ServerSocketChannel server;
        private final CompletableFuture<Void> serving;

        FakeEngine(Path socket, String body, List<String> requests) throws IOException {
            this.socket = socket;
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            serving = CompletableFuture.runAsync(() -> {
                try (SocketChannel client = server.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocate(4096);
                    StringBuilder request = new StringBuilder();
                    while (request.indexOf("\r\n\r\n") < 0 && client.read(buffer) > 0) {
                        request.append(StandardCharsets.US_ASCII.decode(buffer.flip()));
                        buffer.clear();
                    }
                    requests.add(request.substring(0, request.indexOf("\r\n")));
                    client.write(ByteBuffer.wrap(("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void close() throws IOException {
            server.close();
            serving.cancel(true);
        }
    }
}
