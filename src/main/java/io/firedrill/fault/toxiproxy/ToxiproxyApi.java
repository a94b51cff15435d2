package io.firedrill.fault.toxiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Toxiproxy v2's HTTP API (api.go) over the embedded proxies: the same routes, methods, status
 * codes, bodies and error JSON, so Toxiproxy's clients in any language work against it unchanged.
 */
final class ToxiproxyApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ToxiproxyApi.class);
    private static final Set<String> PROXY_FIELDS = Set.of("name", "listen", "upstream", "enabled");
    private static final Set<String> TOXIC_FIELDS = Set.of("name", "type", "stream", "toxicity", "attributes");
    private static final Set<String> TOXIC_UPDATE_FIELDS = Set.of("attributes", "toxicity");
    private static final String JSON = "application/json";
    private static final String ERROR_TYPE = "text/plain; charset=utf-8";
    /**
     * The largest request body read. A populate of hundreds of proxies is a few hundred KB; the
     * server shares its heap with the drill, so a bigger body is refused unread (413).
     */
    static final int MAX_BODY_BYTES = 4 << 20;
    private static final BigInteger MAX_BODY = BigInteger.valueOf(MAX_BODY_BYTES);

    private final ProxyRegistry registry;
    private final RequestIds requestIds = new RequestIds();

    ToxiproxyApi(ProxyRegistry registry) {
        this.registry = registry;
    }

    /** An answer: status, content type and body (null for none), plus Go's nosniff flag on errors. */
    private record Response(int status, String contentType, String body, boolean nosniff) {

        static Response json(int status, String body) {
            return new Response(status, JSON, body, false);
        }

        static Response noContent() {
            return new Response(204, null, null, false);
        }

        /** Go's http.Error: text/plain, nosniff, the message and a newline. */
        static Response error(int status, String message) {
            return new Response(status, ERROR_TYPE, message + "\n", true);
        }

        static Response apiError(ApiError error) {
            return error(error.status(), errorJson(error));
        }
    }

    private static String errorJson(ApiError error) {
        return "{\"error\":" + GoJson.quote(error.getMessage()) + ",\"status\":" + error.status() + "}";
    }

    @FunctionalInterface
    private interface Action {
        Response run() throws ApiError;
    }

    /** A route of api.go: its actions by method, or one action for every method. */
    private record Route(Map<String, Action> byMethod, Action anyMethod) {

        static Route of(Map<String, Action> byMethod) {
            return new Route(byMethod, null);
        }

        Action forMethod(String method) {
            return anyMethod != null ? anyMethod : byMethod.get(method);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = respond(exchange);
            } catch (RuntimeException | Error e) {
                // an Error too (a StackOverflowError, an OutOfMemoryError): the client gets its 500, the drill goes on
                LOG.warn("Toxiproxy API request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = Response.apiError(ApiError.internal(e.toString()));
            }
            send(exchange, response);
        }
    }

    private Response respond(HttpExchange exchange) throws IOException {
        byte[] body;
        try {
            body = body(exchange);
        } catch (ApiError e) {
            return Response.apiError(e);
        }
        Route route = route(exchange.getRequestURI().getPath(), body);
        if (route == null) {
            return Response.error(404, "404 page not found");
        }
        Action action = route.forMethod(exchange.getRequestMethod());
        if (action == null) {
            return new Response(405, null, null, false);
        }
        exchange.getResponseHeaders().set("X-Toxiproxy-Request-Id", requestIds.next());
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        if (userAgent != null && userAgent.startsWith("Mozilla/")) {
            return Response.error(403, "User agent not allowed");
        }
        try {
            return action.run();
        } catch (ApiError e) {
            return Response.apiError(e);
        }
    }

    /**
     * The request body, at most {@link #MAX_BODY_BYTES}: a declared length over it is refused
     * before a byte is read, a chunked body as soon as it passes it.
     */
    private static byte[] body(HttpExchange exchange) throws IOException, ApiError {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.strip().matches("\\d+") && new BigInteger(declared.strip()).compareTo(MAX_BODY) > 0) {
            throw tooLarge(declared.strip() + " bytes");
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge("more than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static ApiError tooLarge(String size) {
        return new ApiError(413, "request body too large: " + size + ", at most " + MAX_BODY_BYTES);
    }

    /** The route for a path, or null: a path variable is one non-empty segment, as in gorilla/mux. */
    private Route route(String rawPath, byte[] body) {
        String[] path = rawPath.substring(1).split("/", -1);
        for (String segment : path) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        if (path.length == 1) {
            return switch (path[0]) {
                case "reset" -> Route.of(Map.of("POST", this::reset));
                case "proxies" -> Route.of(Map.of("GET", this::proxyIndex, "POST", () -> proxyCreate(body)));
                case "populate" -> Route.of(Map.of("POST", () -> populate(body)));
                case "version" -> Route.of(Map.of("GET", ToxiproxyApi::version));
                case "metrics" -> new Route(Map.of(), this::metrics);
                default -> null;
            };
        }
        if (!path[0].equals("proxies") || path.length > 4 || path.length > 2 && !path[2].equals("toxics")) {
            return null;
        }
        String proxy = path[1];
        if (path.length == 2) {
            Action update = () -> proxyUpdate(proxy, body);
            return Route.of(Map.of("GET", () -> proxyShow(proxy), "POST", update, "PATCH", update,
                    "DELETE", () -> proxyDelete(proxy)));
        }
        if (path.length == 3) {
            return Route.of(Map.of("GET", () -> toxicIndex(proxy), "POST", () -> toxicCreate(proxy, body)));
        }
        String toxic = path[3];
        Action update = () -> toxicUpdate(proxy, toxic, body);
        return Route.of(Map.of("GET", () -> toxicShow(proxy, toxic), "POST", update, "PATCH", update,
                "DELETE", () -> toxicDelete(proxy, toxic)));
    }

    // ---- proxies ------------------------------------------------------------------------------

    private Response proxyIndex() {
        StringJoiner json = new StringJoiner(",", "{", "}");
        registry.all().forEach((name, proxy) -> json.add(GoJson.quote(name) + ":" + proxy.toJson()));
        return Response.json(200, json.toString());
    }

    private Response proxyCreate(byte[] body) throws ApiError {
        GoJson.Fields input = GoJson.fields(GoJson.readFirstValue(body), "toxiproxy", "Proxy", PROXY_FIELDS);
        String name = input.string("name", "");
        String listen = input.string("listen", "");
        String upstream = input.string("upstream", "");
        boolean enabled = input.bool("enabled", true);
        if (name.isEmpty()) {
            throw ApiError.missingField("name");
        }
        if (upstream.isEmpty()) {
            throw ApiError.missingField("upstream");
        }
        EmbeddedProxy proxy = registry.newProxy(name, listen, upstream);
        registry.add(proxy, enabled);
        return Response.json(201, proxy.toJson());
    }

    /** Populate answers its own way: the proxies done so far, with the error beside them if any. */
    private Response populate(byte[] body) {
        List<EmbeddedProxy> done = new ArrayList<>();
        ApiError failure = null;
        try {
            populate(body, done);
        } catch (ApiError e) {
            failure = e;
        }
        StringJoiner proxies = new StringJoiner(",", "[", "]");
        done.forEach(proxy -> proxies.add(proxy.toJson()));
        String proxiesJson = done.isEmpty() ? "null" : proxies.toString();
        if (failure == null) {
            return Response.json(201, "{\"proxies\":" + proxiesJson + "}");
        }
        return Response.json(failure.status(), "{\"error\":" + GoJson.quote(failure.getMessage())
                + ",\"status\":" + failure.status() + ",\"proxies\":" + proxiesJson + "}");
    }

    private void populate(byte[] body, List<EmbeddedProxy> done) throws ApiError {
        JsonNode list = GoJson.readFirstValue(body);
        if (!list.isNull() && !list.isArray()) {
            throw GoJson.typeError(list, "[]toxiproxy.Proxy");
        }
        List<GoJson.Fields> inputs = new ArrayList<>();
        for (JsonNode element : list) {
            inputs.add(GoJson.fields(element, "toxiproxy", "Proxy", PROXY_FIELDS));
        }
        List<EmbeddedProxy> proxies = new ArrayList<>();
        List<Boolean> enabled = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            GoJson.Fields input = inputs.get(i);
            String name = input.string("name", "");
            String upstream = input.string("upstream", "");
            if (name.isEmpty()) {
                throw ApiError.missingField("name at proxy " + (i + 1));
            }
            if (upstream.isEmpty()) {
                throw ApiError.missingField("upstream at proxy " + (i + 1));
            }
            proxies.add(registry.newProxy(name, input.string("listen", ""), upstream));
            enabled.add(input.bool("enabled", true));
        }
        for (int i = 0; i < proxies.size(); i++) {
            done.add(registry.addOrReplace(proxies.get(i), enabled.get(i)));
        }
    }

    private Response proxyShow(String name) throws ApiError {
        return Response.json(200, registry.get(name).toJson());
    }

    private Response proxyUpdate(String name, byte[] body) throws ApiError {
        EmbeddedProxy proxy = registry.get(name);
        GoJson.Fields input = GoJson.fields(GoJson.readFirstValue(body), "toxiproxy", "Proxy", PROXY_FIELDS);
        proxy.update(input.string("listen", proxy.listen()), input.string("upstream", proxy.upstream()),
                input.bool("enabled", proxy.enabled()));
        return Response.json(200, proxy.toJson());
    }

    private Response proxyDelete(String name) throws ApiError {
        registry.remove(name);
        return Response.noContent();
    }

    private Response reset() throws ApiError {
        for (EmbeddedProxy proxy : registry.all().values()) {
            proxy.start();
            proxy.toxics().reset();
        }
        return Response.noContent();
    }

    // ---- toxics -------------------------------------------------------------------------------

    private Response toxicIndex(String proxy) throws ApiError {
        StringJoiner json = new StringJoiner(",", "[", "]");
        registry.get(proxy).toxics().all().forEach(toxic -> json.add(toxic.toJson()));
        return Response.json(200, json.toString());
    }

    /** Toxiproxy's checks in its order: body, stream, default name, type, name taken, attributes. */
    private Response toxicCreate(String proxyName, byte[] body) throws ApiError {
        EmbeddedProxy proxy = registry.get(proxyName);
        GoJson.Fields input = GoJson.fields(GoJson.readFirstValue(body), "toxics", "ToxicWrapper", TOXIC_FIELDS);
        String name = input.string("name", "");
        String typeName = input.string("type", "");
        String stream = input.string("stream", "downstream");
        float toxicity = input.float32("toxicity", 1f);
        Direction direction = Direction.parse(stream).orElseThrow(ApiError::invalidStream);
        if (name.isEmpty()) {
            name = typeName + "_" + stream;
        }
        ToxicType type = ToxicType.parse(typeName).orElseThrow(ApiError::invalidToxicType);
        ToxicSpec toxic = proxy.toxics().add(name, type, stream, direction, toxicity,
                base -> type.decodeAttributes(input.node("attributes"), base));
        return Response.json(200, toxic.toJson());
    }

    private Response toxicShow(String proxy, String toxic) throws ApiError {
        return Response.json(200, registry.get(proxy).toxics().get(toxic).toJson());
    }

    /** Only attributes and toxicity change; attributes not given keep their values. */
    private Response toxicUpdate(String proxy, String toxicName, byte[] body) throws ApiError {
        ToxicSpec toxic = registry.get(proxy).toxics().update(toxicName, current -> {
            GoJson.Fields input = GoJson.fields(GoJson.readFirstValue(body), "toxics", "ToxicWrapper", TOXIC_UPDATE_FIELDS);
            return current.updated(input.float32("toxicity", current.toxicity()),
                    current.type().decodeAttributes(input.node("attributes"), current.attributes()));
        });
        return Response.json(200, toxic.toJson());
    }

    private Response toxicDelete(String proxy, String toxic) throws ApiError {
        registry.get(proxy).toxics().remove(toxic);
        return Response.noContent();
    }

    // ---- version and metrics ------------------------------------------------------------------

    private static Response version() {
        return new Response(200, "application/json;charset=utf-8",
                "{\"version\": \"" + EmbeddedToxiproxy.API_VERSION + "\"}\n", false);
    }

    /** Toxiproxy's proxy metrics (-proxy-metrics), in Prometheus' text format, counted live. */
    private Response metrics() {
        StringBuilder text = new StringBuilder();
        metricFamily(text, "toxiproxy_proxy_received_bytes_total",
                "The total number of bytes received from the source of a link", true);
        metricFamily(text, "toxiproxy_proxy_sent_bytes_total",
                "The total number of bytes sent to the destination of a link", false);
        return new Response(200, "text/plain; version=0.0.4; charset=utf-8", text.toString(), false);
    }

    private void metricFamily(StringBuilder text, String metric, String help, boolean received) {
        text.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(metric).append(" counter\n");
        for (EmbeddedProxy proxy : registry.all().values()) {
            for (Direction direction : Direction.values()) {
                long bytes = received ? proxy.receivedBytes(direction) : proxy.sentBytes(direction);
                text.append(metric)
                        .append("{direction=").append(label(direction.wireName()))
                        .append(",listener=").append(label(proxy.listen()))
                        .append(",proxy=").append(label(proxy.name()))
                        .append(",upstream=").append(label(proxy.upstream()))
                        .append("} ").append(bytes).append('\n');
            }
        }
    }

    private static String label(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private static void send(HttpExchange exchange, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Server", "firedrill-embedded-toxiproxy");
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        if (response.nosniff()) {
            headers.set("X-Content-Type-Options", "nosniff");
        }
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Request ids shaped like the xid ids Toxiproxy puts in X-Toxiproxy-Request-Id (20 base32hex chars). */
    private static final class RequestIds {
        private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
        private final byte[] machine = new byte[5];
        private final AtomicInteger counter;

        RequestIds() {
            SecureRandom random = new SecureRandom();
            random.nextBytes(machine);
            counter = new AtomicInteger(random.nextInt());
        }

        String next() {
            long seconds = System.currentTimeMillis() / 1000;
            int count = counter.incrementAndGet();
            byte[] id = {(byte) (seconds >> 24), (byte) (seconds >> 16), (byte) (seconds >> 8), (byte) seconds,
                    machine[0], machine[1], machine[2], machine[3], machine[4],
                    (byte) (count >> 16), (byte) (count >> 8), (byte) count};
            StringBuilder text = new StringBuilder(20);
            long bits = 0;
            int pending = 0;
            for (byte b : id) {
                bits = (bits << 8) | (b & 0xff);
                pending += 8;
                while (pending >= 5) {
                    text.append(BASE32HEX[(int) (bits >> (pending - 5)) & 31]);
                    pending -= 5;
                }
            }
            text.append(BASE32HEX[(int) (bits << (5 - pending)) & 31]);
            return text.toString();
        }
    }
}
