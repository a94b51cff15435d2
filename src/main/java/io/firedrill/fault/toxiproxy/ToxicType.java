package io.firedrill.fault.toxiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The toxic types Toxiproxy v2 registers, with their attributes in Toxiproxy's field order. */
enum ToxicType {
    NOOP("noop", "NoopToxic", 0, "int64"),
    LATENCY("latency", "LatencyToxic", 1024, "int64", "latency", "jitter"),
    BANDWIDTH("bandwidth", "BandwidthToxic", 0, "int64", "rate"),
    SLOW_CLOSE("slow_close", "SlowCloseToxic", 0, "int64", "delay"),
    TIMEOUT("timeout", "TimeoutToxic", 0, "int64", "timeout"),
    RESET_PEER("reset_peer", "ResetToxic", 0, "int64", "timeout"),
    SLICER("slicer", "SlicerToxic", 0, "int", "average_size", "size_variation", "delay"),
    LIMIT_DATA("limit_data", "LimitDataToxic", 0, "int64", "bytes");

    private final String wireName;
    private final String goStruct;
    private final int bufferedChunks;
    private final String goAttributeType;
    private final Set<String> attributeNames;

    ToxicType(String wireName, String goStruct, int bufferedChunks, String goAttributeType, String... attributeNames) {
        this.wireName = wireName;
        this.goStruct = goStruct;
        this.bufferedChunks = bufferedChunks;
        this.goAttributeType = goAttributeType;
        this.attributeNames = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(attributeNames)));
    }

    String wireName() {
        return wireName;
    }

    /** Chunks a link may hold ahead of this toxic: Toxiproxy buffers only in front of latency. */
    int bufferedChunks() {
        return bufferedChunks;
    }

    static Optional<ToxicType> parse(String type) {
        for (ToxicType toxicType : values()) {
            if (toxicType.wireName.equals(type)) {
                return Optional.of(toxicType);
            }
        }
        return Optional.empty();
    }

    /** All attributes at zero, as a freshly created Toxiproxy toxic has them. */
    Map<String, Long> zeroAttributes() {
        Map<String, Long> zero = new LinkedHashMap<>();
        attributeNames.forEach(name -> zero.put(name, 0L));
        return Collections.unmodifiableMap(zero);
    }

    /**
     * Decodes {@code attributes} over {@code base}: given keys replace, missing or null keys keep
     * their value, unknown keys are ignored, as Go's decoder does when filling an existing struct.
     */
    Map<String, Long> decodeAttributes(JsonNode attributes, Map<String, Long> base) throws ApiError {
        if (attributes == null) {
            return base;
        }
        GoJson.Fields fields = GoJson.fields(attributes, "toxics", goStruct, attributeNames);
        Map<String, Long> merged = new LinkedHashMap<>(base);
        for (String name : attributeNames) {
            merged.put(name, fields.int64(name, base.get(name), goAttributeType));
        }
        return Collections.unmodifiableMap(merged);
    }

    /** The running form of a toxic of this type on one link. */
    Stage newStage(ToxicSpec spec) {
        return switch (this) {
            case NOOP -> Stage.PASS_THROUGH;
            case LATENCY -> new LatencyStage(spec.attribute("latency"), spec.attribute("jitter"));
            case BANDWIDTH -> new BandwidthStage(spec.attribute("rate"));
            case SLOW_CLOSE -> new SlowCloseStage(spec.attribute("delay"));
            case TIMEOUT -> new TimeoutStage(spec.attribute("timeout"));
            case RESET_PEER -> new ResetPeerStage(spec.attribute("timeout"));
            case SLICER -> new SlicerStage(spec.attribute("average_size"), spec.attribute("size_variation"), spec.attribute("delay"));
            case LIMIT_DATA -> new LimitDataStage(spec.attribute("bytes"));
        };
    }
}
