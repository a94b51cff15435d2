package io.firedrill.fault.toxiproxy;

import java.util.Map;
import java.util.StringJoiner;

/**
 * One toxic as the API shows it. Immutable: an update makes a new spec with the same {@code id},
 * which is how a live link tells "this toxic changed" from "a new toxic of the same name".
 *
 * @param stream the stream exactly as the client wrote it (Toxiproxy echoes it back unchanged)
 */
record ToxicSpec(long id, String name, ToxicType type, String stream, Direction direction, float toxicity,
                 Map<String, Long> attributes) {

    long attribute(String attribute) {
        return attributes.get(attribute);
    }

    ToxicSpec updated(float newToxicity, Map<String, Long> newAttributes) {
        return new ToxicSpec(id, name, type, stream, direction, newToxicity, newAttributes);
    }

    /** Toxiproxy's field order: attributes, name, type, stream, toxicity. */
    String toJson() {
        StringJoiner attributesJson = new StringJoiner(",", "{", "}");
        attributes.forEach((key, value) -> attributesJson.add(GoJson.quote(key) + ":" + value));
        return "{\"attributes\":" + attributesJson
                + ",\"name\":" + GoJson.quote(name)
                + ",\"type\":" + GoJson.quote(type.wireName())
                + ",\"stream\":" + GoJson.quote(stream)
                + ",\"toxicity\":" + GoJson.float32(toxicity) + "}";
    }
}
