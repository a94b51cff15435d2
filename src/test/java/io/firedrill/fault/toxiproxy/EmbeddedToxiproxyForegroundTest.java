package io.firedrill.fault.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code drill toxiproxy}: the server in the foreground of its own process, stopped by SIGTERM. */
class EmbeddedToxiproxyForegroundTest {

    private static final Pattern API = Pattern.compile("on (http://\\S+);");

    @Test
    void servesUntilSigtermThenExitsZero() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedToxiproxy.class.getName(), "--listen", "127.0.0.1:0")
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            URI api = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        output.add(line);
                        Matcher matcher = API.matcher(line);
                        if (line.startsWith("Toxiproxy-compatible API") && matcher.find()) {
                            return URI.create(matcher.group(1));
                        }
                    }
                    throw new IllegalStateException("the server ended without announcing its API: " + output);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(30, TimeUnit.SECONDS);

            RawHttp.Answer version = new RawHttp(new java.net.InetSocketAddress(api.getHost(), api.getPort())).get("/version");
            assertThat(version.status()).isEqualTo(200);

            // SIGTERM through the handle: Process.destroy() would also close our end of its output
            assertThat(process.toHandle().destroy()).isTrue();

            assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            lines.lines().forEach(output::add);
            assertThat(output).anyMatch(line -> line.startsWith("Stopping the embedded Toxiproxy"));
        } finally {
            process.destroyForcibly();
        }
    }
}
