package io.firedrill.fault.toxiproxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/** The proxies of the embedded server by name (Toxiproxy's ProxyCollection). */
final class ProxyRegistry {

    private final Map<String, EmbeddedProxy> proxies = new HashMap<>();
    private final ExecutorService executor;

    ProxyRegistry(ExecutorService executor) {
        this.executor = executor;
    }

    EmbeddedProxy newProxy(String name, String listen, String upstream) {
        return new EmbeddedProxy(name, listen, upstream, executor);
    }

    synchronized void add(EmbeddedProxy proxy, boolean start) throws ApiError {
        if (proxies.containsKey(proxy.name())) {
            throw ApiError.proxyAlreadyExists();
        }
        if (start) {
            proxy.start();
        }
        proxies.put(proxy.name(), proxy);
    }

    /**
     * Toxiproxy's populate step: an existing proxy with the same listen and upstream is kept as it
     * is (toxics, enabled state and all); a different one is stopped and replaced.
     */
    synchronized EmbeddedProxy addOrReplace(EmbeddedProxy proxy, boolean start) throws ApiError {
        EmbeddedProxy existing = proxies.get(proxy.name());
        if (existing != null) {
            if (!existing.differs(proxy.listen(), proxy.upstream())) {
                return existing;
            }
            existing.stop();
        }
        if (start) {
            proxy.start();
        }
        proxies.put(proxy.name(), proxy);
        return proxy;
    }

    synchronized EmbeddedProxy get(String name) throws ApiError {
        EmbeddedProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ApiError.proxyNotFound();
        }
        return proxy;
    }

    synchronized void remove(String name) throws ApiError {
        get(name).stop();
        proxies.remove(name);
    }

    synchronized SortedMap<String, EmbeddedProxy> all() {
        return new TreeMap<>(proxies);
    }

    synchronized void clear() {
        List<EmbeddedProxy> all = new ArrayList<>(proxies.values());
        proxies.clear();
        all.forEach(EmbeddedProxy::stop);
    }
}
