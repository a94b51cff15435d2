package io.firedrill.fault.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API against Toxiproxy v2's behaviour: through the toxiproxy-java client, and by hand the
 * way the Go, Python and Ruby clients call it (JSON with Content-Type, PATCH), checking status
 * codes and exact bodies.
 */
class EmbeddedToxiproxyApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EchoServer echo;
    private EmbeddedToxiproxy toxiproxy;
    private ToxiproxyClient client;
    private RawHttp http;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        toxiproxy = EmbeddedToxiproxy.start(new InetSocketAddress("127.0.0.1", 0));
        client = new ToxiproxyClient(toxiproxy.address().getHostString(), toxiproxy.address().getPort());
        http = new RawHttp(toxiproxy.address());
    }

    @AfterEach
    void stop() throws Exception {
        toxiproxy.close();
        echo.close();
    }

    private static JsonNode json(RawHttp.Answer answer) throws IOException {
        return JSON.readTree(answer.body());
    }

    // ---- through toxiproxy-java -----------------------------------------------------------------

    @Test
    void createsListsShowsAndDeletesProxies() throws Exception {
        Proxy created = client.createProxy("kafka-primary-0", "127.0.0.1:0", echo.hostPort());

        assertThat(created.getName()).isEqualTo("kafka-primary-0");
        assertThat(created.getListen()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
        assertThat(created.getUpstream()).isEqualTo(echo.hostPort());
        assertThat(created.isEnabled()).isTrue();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("kafka-primary-0");
        assertThat(client.getProxy("kafka-primary-0").getListen()).isEqualTo(created.getListen());
        try (TcpClient connection = TcpClient.to(created.getListen())) {
            connection.echo("through".getBytes());
        }

        created.delete();

        assertThat(client.getProxies()).isEmpty();
        assertThat(client.getProxyOrNull("kafka-primary-0")).isNull();
        assertThatThrownBy(() -> TcpClient.to(created.getListen())).isInstanceOf(IOException.class);
    }

    @Test
    void refusesASecondProxyOfTheSameName() throws Exception {
        client.createProxy("twice", "127.0.0.1:0", echo.hostPort());

        assertThatThrownBy(() -> client.createProxy("twice", "127.0.0.1:0", echo.hostPort()))
                .isInstanceOf(IOException.class).hasMessage("[409] proxy already exists");
    }

    @Test
    void reportsAMissingProxyAs404() {
        assertThatThrownBy(() -> client.getProxy("nowhere"))
                .isInstanceOf(IOException.class).hasMessage("[404] proxy not found");
    }

    @Test
    void updatesListenUpstreamAndEnabled() throws Exception {
        Proxy proxy = client.createProxy("moving", "127.0.0.1:0", "127.0.0.1:1");
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }

        proxy.setUpstream(echo.hostPort());
        proxy.setListen("127.0.0.1:" + freePort);
        assertThat(proxy.getListen()).isEqualTo("127.0.0.1:" + freePort);
        try (TcpClient connection = TcpClient.to(proxy.getListen())) {
            connection.echo("moved".getBytes());
        }

        proxy.disable();
        assertThat(proxy.isEnabled()).isFalse();
        assertThatThrownBy(() -> TcpClient.to(proxy.getListen())).isInstanceOf(IOException.class);

        proxy.enable();
        assertThat(proxy.isEnabled()).isTrue();
        try (TcpClient connection = TcpClient.to(proxy.getListen())) {
            connection.echo("back".getBytes());
        }
    }

    @Test
    void addsListsUpdatesAndRemovesToxics() throws Exception {
        Proxy proxy = client.createProxy("toxic", "127.0.0.1:0", echo.hostPort());

        Latency latency = proxy.toxics().latency("lag", DOWNSTREAM, 100).setJitter(10);
        proxy.toxics().slicer("crumbs", UPSTREAM, 10, 5);
        proxy.toxics().bandwidth("narrow", DOWNSTREAM, 64);
        proxy.toxics().slowClose("linger", DOWNSTREAM, 20);
        proxy.toxics().timeout("stall", UPSTREAM, 30);
        proxy.toxics().resetPeer("rst", UPSTREAM, 40);
        proxy.toxics().limitData("cap", DOWNSTREAM, 50);

        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName)
                .containsExactly("crumbs", "stall", "rst", "lag", "narrow", "linger", "cap");
        Latency read = proxy.toxics().get("lag", Latency.class);
        assertThat(read.getLatency()).isEqualTo(100);
        assertThat(read.getJitter()).isEqualTo(10);
        assertThat(read.getStream()).isEqualTo(DOWNSTREAM);
        assertThat(read.getToxicity()).isEqualTo(1f);
        Slicer slicer = proxy.toxics().get("crumbs", Slicer.class);
        assertThat(slicer.getAverageSize()).isEqualTo(10);
        assertThat(slicer.getDelay()).isEqualTo(5);

        latency.setLatency(250);
        latency.setToxicity(0.5f);
        Latency updated = proxy.toxics().get("lag", Latency.class);
        assertThat(updated.getLatency()).isEqualTo(250);
        assertThat(updated.getJitter()).as("attributes not sent keep their value").isEqualTo(10);
        assertThat(updated.getToxicity()).isEqualTo(0.5f);

        latency.remove();
        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).doesNotContain("lag");
        assertThat(client.getProxies()).hasSize(1);
    }

    @Test
    void refusesASecondToxicOfTheSameNameEvenOnTheOtherStream() throws Exception {
        Proxy proxy = client.createProxy("toxic", "127.0.0.1:0", echo.hostPort());
        proxy.toxics().latency("same", UPSTREAM, 10);

        assertThatThrownBy(() -> proxy.toxics().latency("same", DOWNSTREAM, 10))
                .isInstanceOf(IOException.class).hasMessage("[409] toxic already exists");
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws Exception {
        Proxy down = client.createProxy("down", "127.0.0.1:0", echo.hostPort());
        down.toxics().latency("lag", DOWNSTREAM, 100);
        down.disable();

        client.reset();

        Proxy after = client.getProxy("down");
        assertThat(after.isEnabled()).isTrue();
        assertThat(after.toxics().getAll()).isEmpty();
        try (TcpClient connection = TcpClient.to(after.getListen())) {
            connection.echo("up again".getBytes());
        }
    }

    @Test
    void reportsTheToxiproxyVersionItSpeaks() throws Exception {
        assertThat(client.version()).isEqualTo("{\"version\": \"2.12.0\"}");

        RawHttp.Answer answer = http.get("/version");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
        assertThat(answer.body()).isEqualTo("{\"version\": \"2.12.0\"}\n");
    }

    // ---- by hand, as other clients call it --------------------------------------------------------

    @Test
    void createAnswers201WithTheProxyAndItsRealPort() throws Exception {
        RawHttp.Answer answer = http.json("POST", "/proxies",
                "{\"name\":\"raw\",\"listen\":\"localhost:0\",\"upstream\":\"" + echo.hostPort() + "\",\"enabled\":true}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.header("X-Toxiproxy-Request-Id")).matches("[0-9a-v]{20}");
        String listen = json(answer).get("listen").asText();
        assertThat(listen).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(answer.body()).isEqualTo("{\"name\":\"raw\",\"listen\":\"" + listen + "\",\"upstream\":\""
                + echo.hostPort() + "\",\"enabled\":true,\"toxics\":[]}");
    }

    @Test
    void aProxyCreatedDisabledKeepsItsListenAsWrittenAndDoesNotListen() throws Exception {
        RawHttp.Answer answer = http.json("POST", "/proxies",
                "{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\",\"enabled\":false}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(json(answer).get("listen").asText()).isEqualTo("127.0.0.1:0");
        assertThat(json(answer).get("enabled").asBoolean()).isFalse();
    }

    @Test
    void listsProxiesAsAnObjectByName() throws Exception {
        http.json("POST", "/proxies", "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}");
        http.json("POST", "/proxies", "{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}");

        RawHttp.Answer answer = http.get("/proxies");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode proxies = json(answer);
        assertThat(proxies.isObject()).isTrue();
        assertThat(proxies.fieldNames()).toIterable().containsExactly("a", "b");
        assertThat(proxies.get("a").get("toxics").isArray()).isTrue();
    }

    @Test
    void errorsComeAsToxiproxyErrorJson() throws Exception {
        http.json("POST", "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}");

        assertError(http.get("/proxies/missing"), 404, "proxy not found");
        assertError(http.delete("/proxies/missing"), 404, "proxy not found");
        assertError(http.get("/proxies/p/toxics/missing"), 404, "toxic not found");
        assertError(http.json("PATCH", "/proxies/p/toxics/missing", "{}"), 404, "toxic not found");
        assertError(http.delete("/proxies/p/toxics/missing"), 404, "toxic not found");
        assertError(http.json("POST", "/proxies/missing/toxics", "{\"type\":\"latency\"}"), 404, "proxy not found");
        assertError(http.json("POST", "/proxies", "{\"name\":\"p\",\"upstream\":\"x:1\"}"), 409, "proxy already exists");
        assertError(http.json("POST", "/proxies", "{\"upstream\":\"x:1\"}"), 400, "missing required field: name");
        assertError(http.json("POST", "/proxies", "{\"name\":\"q\"}"), 400, "missing required field: upstream");
        assertError(http.json("POST", "/proxies", ""), 400, "bad request body: EOF");
        assertError(http.json("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}"), 400,
                "stream was invalid, can be either upstream or downstream");
        assertError(http.json("POST", "/proxies/p/toxics", "{\"type\":\"earthquake\"}"), 400, "invalid toxic type");
        http.json("POST", "/proxies/p/toxics", "{\"type\":\"latency\"}");
        assertError(http.json("POST", "/proxies/p/toxics", "{\"type\":\"latency\"}"), 409, "toxic already exists");
    }

    private static void assertError(RawHttp.Answer answer, int status, String message) {
        assertThat(answer.status()).as(message).isEqualTo(status);
        assertThat(answer.body()).isEqualTo("{\"error\":\"" + message + "\",\"status\":" + status + "}\n");
        assertThat(answer.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void malformedAndMistypedBodiesAre400() throws Exception {
        http.json("POST", "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}");

        RawHttp.Answer broken = http.json("POST", "/proxies", "{\"name\": ");
        RawHttp.Answer wrongType = http.json("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"y:1\",\"enabled\":\"yes\"}");
        RawHttp.Answer fraction = http.json("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":1.5}}");
        RawHttp.Answer notAnObject = http.json("POST", "/proxies", "[]");

        assertThat(List.of(broken, wrongType, fraction, notAnObject)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(json(answer).get("status").asInt()).isEqualTo(400);
            assertThat(json(answer).get("error").asText()).startsWith("bad request body: ");
        });
        assertThat(json(wrongType).get("error").asText())
                .isEqualTo("bad request body: json: cannot unmarshal string into Go struct field Proxy.enabled of type bool");
        assertThat(json(fraction).get("error").asText()).contains("cannot unmarshal number 1.5").contains("int64");
        assertThat(http.get("/proxies/p/toxics").body()).isEqualTo("[]");
    }

    @Test
    void aListenPortInUseIs500WithTheBindError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            RawHttp.Answer answer = http.json("POST", "/proxies",
                    "{\"name\":\"clash\",\"listen\":\"" + address + "\",\"upstream\":\"" + echo.hostPort() + "\"}");

            assertError(answer, 500, "listen tcp " + address + ": bind: address already in use");
            assertThat(http.get("/proxies").body()).isEqualTo("{}");
        }
    }

    @Test
    void routesAnswer404And405AsGorillaMuxDoes() throws Exception {
        RawHttp.Answer unknown = http.get("/nothing-here");
        RawHttp.Answer trailingSlash = http.get("/proxies/");
        RawHttp.Answer wrongMethod = http.send("PUT", "/proxies", "{}", Map.of());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
        assertThat(trailingSlash.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body()).isEmpty();
    }

    @Test
    void browsersAreTurnedAway() throws Exception {
        RawHttp.Answer browser = http.send("GET", "/proxies", null, Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"));
        RawHttp.Answer curl = http.send("GET", "/proxies", null, Map.of("User-Agent", "curl/8.5.0"));

        assertThat(browser.status()).isEqualTo(403);
        assertThat(browser.body()).isEqualTo("User agent not allowed\n");
        assertThat(curl.status()).isEqualTo(200);
    }

    @Test
    void patchUpdatesAProxyAndPostStillWorks() throws Exception {
        http.json("POST", "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}");

        RawHttp.Answer disabled = http.json("PATCH", "/proxies/p", "{\"enabled\":false}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(json(disabled).get("enabled").asBoolean()).isFalse();
        assertThat(json(disabled).get("upstream").asText()).as("fields not sent are kept").isEqualTo(echo.hostPort());

        RawHttp.Answer enabled = http.json("POST", "/proxies/p", "{\"enabled\":true}");
        assertThat(json(enabled).get("enabled").asBoolean()).isTrue();
    }

    @Test
    void aToxicGetsToxiproxysDefaultsAndAnswers200() throws Exception {
        http.json("POST", "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}");

        RawHttp.Answer answer = http.json("POST", "/proxies/p/toxics", "{\"type\":\"latency\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"attributes\":{\"latency\":0,\"jitter\":0},\"name\":\"latency_downstream\","
                + "\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");
        RawHttp.Answer upstream = http.json("POST", "/proxies/p/toxics",
                "{\"type\":\"slicer\",\"stream\":\"UPSTREAM\",\"toxicity\":0.25,\"attributes\":{\"average_size\":64}}");
        assertThat(upstream.body()).isEqualTo("{\"attributes\":{\"average_size\":64,\"size_variation\":0,\"delay\":0},"
                + "\"name\":\"slicer_UPSTREAM\",\"type\":\"slicer\",\"stream\":\"UPSTREAM\",\"toxicity\":0.25}");
        RawHttp.Answer noop = http.json("POST", "/proxies/p/toxics", "{\"name\":\"nothing\",\"type\":\"noop\"}");
        assertThat(noop.body()).isEqualTo("{\"attributes\":{},\"name\":\"nothing\",\"type\":\"noop\",\"stream\":\"downstream\",\"toxicity\":1}");
        assertThat(http.get("/proxies/p/toxics/latency_downstream").body()).isEqualTo(answer.body());
        assertThat(json(http.get("/proxies/p/toxics")).findValuesAsText("name"))
                .containsExactly("slicer_UPSTREAM", "latency_downstream", "nothing");
    }

    @Test
    void patchUpdatesOnlyAttributesAndToxicityKeepingTheRest() throws Exception {
        http.json("POST", "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}");
        http.json("POST", "/proxies/p/toxics",
                "{\"name\":\"lag\",\"type\":\"latency\",\"stream\":\"upstream\",\"attributes\":{\"latency\":100,\"jitter\":10}}");

        RawHttp.Answer answer = http.json("PATCH", "/proxies/p/toxics/lag",
                "{\"attributes\":{\"latency\":1000},\"toxicity\":0.5,\"stream\":\"downstream\",\"name\":\"renamed\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"attributes\":{\"latency\":1000,\"jitter\":10},\"name\":\"lag\","
                + "\"type\":\"latency\",\"stream\":\"upstream\",\"toxicity\":0.5}");
        RawHttp.Answer toxicityOnly = http.json("POST", "/proxies/p/toxics/lag", "{\"toxicity\":1}");
        assertThat(json(toxicityOnly).get("attributes").get("latency").asLong()).isEqualTo(1000);
        assertThat(json(toxicityOnly).get("toxicity").asDouble()).isEqualTo(1.0);
    }

    @Test
    void fieldNamesMatchInAnyLetterCaseAsGosDecoderDoes() throws Exception {
        RawHttp.Answer answer = http.json("POST", "/proxies",
                "{\"Name\":\"cased\",\"LISTEN\":\"127.0.0.1:0\",\"Upstream\":\"" + echo.hostPort() + "\",\"toxics\":null}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(json(answer).get("name").asText()).isEqualTo("cased");
    }

    @Test
    void deleteAnswers204WithNoBody() throws Exception {
        http.json("POST", "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}");
        http.json("POST", "/proxies/p/toxics", "{\"type\":\"latency\"}");

        RawHttp.Answer toxic = http.delete("/proxies/p/toxics/latency_downstream");
        RawHttp.Answer proxy = http.delete("/proxies/p");
        RawHttp.Answer reset = http.json("POST", "/reset", "");

        assertThat(List.of(toxic, proxy, reset)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(204);
            assertThat(answer.body()).isEmpty();
        });
    }

    @Test
    void populateCreatesProxiesAndKeepsIdenticalOnesUntouched() throws Exception {
        String upstream = echo.hostPort();
        RawHttp.Answer first = http.json("POST", "/populate", "[{\"name\":\"one\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + upstream + "\"},{\"name\":\"two\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + upstream + "\",\"enabled\":false}]");

        assertThat(first.status()).isEqualTo(201);
        JsonNode proxies = json(first).get("proxies");
        assertThat(proxies.findValuesAsText("name")).containsExactly("one", "two");
        assertThat(proxies.get(0).get("enabled").asBoolean()).isTrue();
        assertThat(proxies.get(1).get("enabled").asBoolean()).isFalse();
        String oneListen = proxies.get(0).get("listen").asText();
        http.json("POST", "/proxies/one/toxics", "{\"type\":\"latency\"}");

        RawHttp.Answer again = http.json("POST", "/populate",
                "[{\"name\":\"one\",\"listen\":\"" + oneListen + "\",\"upstream\":\"" + upstream + "\"}]");

        assertThat(again.status()).isEqualTo(201);
        assertThat(json(again).get("proxies").get(0).get("toxics").size()).as("the existing proxy was kept").isEqualTo(1);
    }

    @Test
    void populateReplacesAProxyWhoseUpstreamChanged() throws Exception {
        http.json("POST", "/populate", "[{\"name\":\"one\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}]");
        http.json("POST", "/proxies/one/toxics", "{\"type\":\"latency\"}");

        RawHttp.Answer replaced = http.json("POST", "/populate",
                "[{\"name\":\"one\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"}]");

        JsonNode one = json(replaced).get("proxies").get(0);
        assertThat(one.get("upstream").asText()).isEqualTo(echo.hostPort());
        assertThat(one.get("toxics").size()).isZero();
    }

    @Test
    void populateChecksEveryEntryBeforeCreatingAny() throws Exception {
        RawHttp.Answer answer = http.json("POST", "/populate",
                "[{\"name\":\"one\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"},{\"listen\":\"127.0.0.1:0\"}]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"error\":\"missing required field: name at proxy 2\",\"status\":400,\"proxies\":null}");
        assertThat(http.get("/proxies").body()).isEqualTo("{}");
    }

    @Test
    void populateReportsWhatItCreatedBeforeAFailure() throws Exception {
        RawHttp.Answer answer = http.json("POST", "/populate", "[{\"name\":\"one\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + echo.hostPort() + "\"},{\"name\":\"two\",\"listen\":\"local373\",\"upstream\":\"" + echo.hostPort() + "\"}]");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(json(answer).get("error").asText()).isEqualTo("listen tcp: address local373: missing port in address");
        assertThat(json(answer).get("proxies").findValuesAsText("name")).containsExactly("one");
        assertThat(json(http.get("/proxies")).fieldNames()).toIterable().containsExactly("one");
    }

    @Test
    void populateWithNothingAnswersNullProxiesLikeToxiproxy() throws Exception {
        RawHttp.Answer answer = http.json("POST", "/populate", "[]");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("{\"proxies\":null}");
    }

    @Test
    void metricsCountTheBytesOfEachProxyAndDirection() throws Exception {
        Proxy proxy = client.createProxy("counted", "127.0.0.1:0", echo.hostPort());
        try (TcpClient connection = TcpClient.to(proxy.getListen())) {
            connection.echo(new byte[1000]);
        }

        RawHttp.Answer answer = http.get("/metrics");

        assertThat(answer.status()).isEqualTo(200);
        String labels = "listener=\"" + proxy.getListen() + "\",proxy=\"counted\",upstream=\"" + echo.hostPort() + "\"";
        assertThat(answer.body())
                .contains("toxiproxy_proxy_received_bytes_total{direction=\"upstream\"," + labels + "} 1000")
                .contains("toxiproxy_proxy_sent_bytes_total{direction=\"downstream\"," + labels + "} 1000");
    }
}
