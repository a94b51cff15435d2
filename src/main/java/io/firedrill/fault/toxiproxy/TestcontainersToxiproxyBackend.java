package io.firedrill.fault.toxiproxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.toxiproxy.ToxiproxyContainer;

/**
 * Shopify's Toxiproxy image run by Testcontainers. Proxies listen on the container's exposed
 * ports 8666-8697 (so at most 32 proxies); upstreams on this host are reached through
 * Testcontainers' host port forwarding ({@code host.testcontainers.internal}).
 */
public final class TestcontainersToxiproxyBackend implements ToxiproxyBackend {

    static final String NAME = "testcontainers";
    public static final String IMAGE = "ghcr.io/shopify/toxiproxy:" + EmbeddedToxiproxy.API_VERSION;

    private static final int FIRST_PROXY_PORT = 8666;
    private static final int LAST_PROXY_PORT = 8697;

    private final ToxiproxyContainer container;
    private final ToxiproxyClient client;
    private final AtomicInteger nextPort = new AtomicInteger(FIRST_PROXY_PORT);

    private TestcontainersToxiproxyBackend(ToxiproxyContainer container) {
        this.container = container;
        this.client = new ToxiproxyClient(container.getHost(), container.getControlPort());
    }

    public static TestcontainersToxiproxyBackend start() {
        return start(IMAGE);
    }

    /**
     * @throws ToxiproxyBackendException when no Docker engine answers or the container does not start
     */
    public static TestcontainersToxiproxyBackend start(String image) {
        if (!dockerAvailable()) {
            throw new ToxiproxyBackendException("no Docker engine answers, so the testcontainers Toxiproxy backend "
                    + "cannot start: start Docker (or point DOCKER_HOST at one), or use the embedded backend");
        }
        ToxiproxyContainer container = new ToxiproxyContainer(image).withAccessToHost(true);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new ToxiproxyBackendException("the Toxiproxy container " + image + " did not start: " + e.getMessage(), e);
        }
        return new TestcontainersToxiproxyBackend(container);
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public ProxyEndpoint createProxy(String name, InetSocketAddress upstream) throws IOException {
        int port = nextPort.getAndIncrement();
        if (port > LAST_PROXY_PORT) {
            throw new ToxiproxyBackendException("the Toxiproxy container exposes only ports " + FIRST_PROXY_PORT + "-"
                    + LAST_PROXY_PORT + " for proxies and all are taken; use the embedded backend for more than 32 proxies");
        }
        Proxy proxy = client.createProxy(name, "0.0.0.0:" + port, reachableFromContainer(upstream));
        return new ProxyEndpoint(name, new InetSocketAddress(container.getHost(), container.getMappedPort(port)), proxy);
    }

    private static String reachableFromContainer(InetSocketAddress upstream) {
        InetAddress address = upstream.getAddress();
        if (address != null && (address.isLoopbackAddress() || address.isAnyLocalAddress())) {
            Testcontainers.exposeHostPorts(upstream.getPort());
            return "host.testcontainers.internal:" + upstream.getPort();
        }
        return ToxiproxyAddress.dialForm(upstream);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI apiUrl() {
        return URI.create("http://" + ToxiproxyAddress.join(container.getHost(), container.getControlPort()));
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public void close() {
        container.stop();
    }
}
