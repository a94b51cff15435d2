package io.firedrill.fault.toxiproxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Where Firedrill's Toxiproxy runs. Every Kafka path of a drill goes through proxies made here, and
 * faults are toxics or disabled proxies set through {@link #client()}, the toxiproxy-java client,
 * whichever backend serves it:
 * <ul>
 *   <li>{@code embedded} (default): {@link EmbeddedToxiproxy}, inside this JVM;</li>
 *   <li>{@code binary}: a {@code toxiproxy-server} from PATH, started and stopped here;</li>
 *   <li>{@code testcontainers}: Shopify's image via Testcontainers (needs a Docker engine).</li>
 * </ul>
 * Closing the backend removes its proxies and stops what it started.
 */
public interface ToxiproxyBackend extends AutoCloseable {

    /** {@code embedded}, {@code binary} or {@code testcontainers}. */
    String name();

    /** The Toxiproxy HTTP API, e.g. {@code http://127.0.0.1:8474}, for other tools and clients. */
    URI apiUrl();

    ToxiproxyClient client();

    /**
     * Creates an enabled proxy to {@code upstream} (an address this JVM reaches) and tells where
     * clients connect to go through it.
     */
    default ProxyEndpoint createProxy(String name, InetSocketAddress upstream) throws IOException {
        Proxy proxy = client().createProxy(name, "127.0.0.1:0", ToxiproxyAddress.dialForm(upstream));
        InetSocketAddress listen = EmbeddedToxiproxy.parseListenAddress(proxy.getListen());
        return new ProxyEndpoint(name, listen, proxy);
    }

    @Override
    void close();

    /**
     * Starts the named backend with its API on a free loopback port.
     *
     * @throws IllegalArgumentException for a name other than embedded, binary or testcontainers
     * @throws ToxiproxyBackendException when the backend cannot start, saying why and what to do
     */
    static ToxiproxyBackend named(String name) {
        return switch (name) {
            case EmbeddedToxiproxyBackend.NAME -> EmbeddedToxiproxyBackend.start(new InetSocketAddress("127.0.0.1", 0));
            case BinaryToxiproxyBackend.NAME -> BinaryToxiproxyBackend.start(new InetSocketAddress("127.0.0.1", 0));
            case TestcontainersToxiproxyBackend.NAME -> TestcontainersToxiproxyBackend.start();
            default -> throw new IllegalArgumentException("unknown Toxiproxy backend '" + name
                    + "': use embedded (default, in this JVM), binary (toxiproxy-server on PATH) or testcontainers (Docker)");
        };
    }
}
