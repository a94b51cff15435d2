package io.firedrill.fault.toxiproxy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** The default backend: {@link EmbeddedToxiproxy} in this JVM. */
public final class EmbeddedToxiproxyBackend implements ToxiproxyBackend {

    static final String NAME = "embedded";

    private final EmbeddedToxiproxy server;
    private final ToxiproxyClient client;

    private EmbeddedToxiproxyBackend(EmbeddedToxiproxy server) {
        this.server = server;
        this.client = new ToxiproxyClient(server.address().getHostString(), server.address().getPort());
    }

    /** Starts the server with its API on {@code api} (port 0: any free port). */
    public static EmbeddedToxiproxyBackend start(InetSocketAddress api) {
        try {
            return new EmbeddedToxiproxyBackend(EmbeddedToxiproxy.start(api));
        } catch (IOException e) {
            throw new ToxiproxyBackendException(e.getMessage(), e);
        }
    }

    public EmbeddedToxiproxy server() {
        return server;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI apiUrl() {
        return server.apiUrl();
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
