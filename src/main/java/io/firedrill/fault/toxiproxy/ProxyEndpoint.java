package io.firedrill.fault.toxiproxy;

import eu.rekawek.toxiproxy.Proxy;
import java.net.InetSocketAddress;

/**
 * A proxy made by a {@link ToxiproxyBackend}: its name, the address clients dial to go through it,
 * and the toxiproxy-java handle that adds toxics to it and disables it.
 */
public record ProxyEndpoint(String name, InetSocketAddress clientAddress, Proxy proxy) {

    /** {@code host:port} for a client's bootstrap or advertised address. */
    public String hostPort() {
        return ToxiproxyAddress.join(clientAddress.getHostString(), clientAddress.getPort());
    }
}
