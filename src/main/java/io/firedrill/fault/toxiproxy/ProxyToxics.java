package io.firedrill.fault.toxiproxy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The toxics of one proxy, a chain per direction (Toxiproxy's ToxicCollection), and the live
 * links they act on. Every change is put on the live links at once, without dropping them.
 */
final class ProxyToxics {

    private static final AtomicLong IDS = new AtomicLong();

    private final Map<Direction, List<ToxicSpec>> chains = new EnumMap<>(Direction.class);
    private final Set<Link> links = new HashSet<>();

    /** Fills in a new or updated toxic's attributes; may refuse the body (400). */
    @FunctionalInterface
    interface Attributes {
        Map<String, Long> decode(Map<String, Long> base) throws ApiError;
    }

    /** Makes the updated form of an existing toxic; may refuse the body (400). */
    @FunctionalInterface
    interface Update {
        ToxicSpec apply(ToxicSpec current) throws ApiError;
    }

    ProxyToxics() {
        for (Direction direction : Direction.values()) {
            chains.put(direction, List.of());
        }
    }

    /** Upstream toxics first, then downstream, each in chain order, as Toxiproxy lists them. */
    synchronized List<ToxicSpec> all() {
        List<ToxicSpec> all = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            all.addAll(chains.get(direction));
        }
        return all;
    }

    synchronized ToxicSpec get(String name) throws ApiError {
        ToxicSpec toxic = find(name);
        if (toxic == null) {
            throw ApiError.toxicNotFound();
        }
        return toxic;
    }

    synchronized ToxicSpec add(String name, ToxicType type, String stream, Direction direction, float toxicity,
                               Attributes attributes) throws ApiError {
        if (find(name) != null) {
            throw ApiError.toxicAlreadyExists();
        }
        ToxicSpec toxic = new ToxicSpec(IDS.incrementAndGet(), name, type, stream, direction, toxicity,
                attributes.decode(type.zeroAttributes()));
        List<ToxicSpec> chain = new ArrayList<>(chains.get(direction));
        chain.add(toxic);
        replaceChain(direction, chain);
        return toxic;
    }

    synchronized ToxicSpec update(String name, Update update) throws ApiError {
        ToxicSpec current = get(name);
        ToxicSpec updated = update.apply(current);
        List<ToxicSpec> chain = new ArrayList<>(chains.get(current.direction()));
        chain.set(chain.indexOf(current), updated);
        replaceChain(current.direction(), chain);
        return updated;
    }

    synchronized void remove(String name) throws ApiError {
        ToxicSpec current = get(name);
        List<ToxicSpec> chain = new ArrayList<>(chains.get(current.direction()));
        chain.remove(current);
        replaceChain(current.direction(), chain);
    }

    synchronized void reset() {
        for (Direction direction : Direction.values()) {
            if (!chains.get(direction).isEmpty()) {
                replaceChain(direction, List.of());
            }
        }
    }

    synchronized void attach(Link link) {
        links.add(link);
        link.applyChain(chains.get(link.direction()));
    }

    synchronized void detach(Link link) {
        links.remove(link);
    }

    private ToxicSpec find(String name) {
        for (List<ToxicSpec> chain : chains.values()) {
            for (ToxicSpec toxic : chain) {
                if (toxic.name().equals(name)) {
                    return toxic;
                }
            }
        }
        return null;
    }

    private void replaceChain(Direction direction, List<ToxicSpec> chain) {
        List<ToxicSpec> immutable = List.copyOf(chain);
        chains.put(direction, immutable);
        for (Link link : links) {
            if (link.direction() == direction) {
                link.applyChain(immutable);
            }
        }
    }
}
