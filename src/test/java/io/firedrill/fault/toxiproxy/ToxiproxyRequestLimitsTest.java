package io.firedrill.fault.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API shares its heap with the drill: request bodies over 4 MiB are refused with 413 in
 * Toxiproxy's error JSON, and the client always gets an answer.
 */
class ToxiproxyRequestLimitsTest {

    private EmbeddedToxiproxy toxiproxy;

    @BeforeEach
    void start() throws IOException {
        toxiproxy = EmbeddedToxiproxy.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        toxiproxy.close();
    }

    /** Sends the request head and body bytes, half-closes, and returns the whole answer. */
    private String exchange(String head, byte[] body) throws IOException {
        InetSocketAddress api = toxiproxy.address();
        try (Socket socket = new Socket(api.getAddress(), api.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void a600MegabyteDeclaredBodyIsRefusedUnreadWith413() throws IOException {
        String answer = exchange("POST /populate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 629145600\r\n\r\n", "[{\"name\":\"a\"".getBytes(StandardCharsets.UTF_8));

        assertThat(answer).startsWith("HTTP/1.1 413 ")
                .endsWith("{\"error\":\"request body too large: 629145600 bytes, at most 4194304\",\"status\":413}\n");
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws IOException {
        int size = ToxiproxyApi.MAX_BODY_BYTES + 10_000;
        byte[] chunk = new byte[size];
        Arrays.fill(chunk, (byte) ' ');
        byte[] framed = (Integer.toHexString(size) + "\r\n" + new String(chunk, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        String answer = exchange("POST /proxies HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", framed);

        assertThat(answer).startsWith("HTTP/1.1 413 ")
                .endsWith("{\"error\":\"request body too large: more than 4194304 bytes, at most 4194304\",\"status\":413}\n");
    }

    @Test
    void aBodyUnderTheLimitIsStillServed() throws IOException {
        byte[] body = "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}".getBytes(StandardCharsets.UTF_8);
        String answer = exchange("POST /proxies HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n", body);

        assertThat(answer).startsWith("HTTP/1.1 201 ").contains("\"name\":\"p\"");
    }
}
