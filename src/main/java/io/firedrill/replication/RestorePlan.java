package io.firedrill.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * How the primary's topics are put back together from what the backup holds, oldest data first.
 * With {@code identity} a topic's data is all in one backup topic of the same name. With
 * {@code prefixed} it is in two: the replica {@code primary.orders} (up to the disaster) and
 * the backup's own {@code orders} (written after failover). Both go into {@code orders} on the
 * restored primary, the replica first, partition by partition, so every key keeps its order.
 *
 * @param restoredAlias the alias of the cluster being restored ({@code primary})
 * @param topics        the primary's topics to restore, by their original names
 */
public record RestorePlan(String restoredAlias, ReplicationPolicyKind policy, List<String> topics) {

    public RestorePlan {
        topics = List.copyOf(topics);
    }

    /** For each original topic, the backup topics holding its data, oldest first, keeping only those in {@code available}. */
    public Map<String, List<String>> sourcesByTopic(Set<String> available) {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (String topic : topics) {
            List<String> present = policy.backupTopics(restoredAlias, topic).stream().filter(available::contains).toList();
            if (!present.isEmpty()) {
                sources.put(topic, present);
            }
        }
        return sources;
    }

    /**
     * The restore phases: phase i copies the i-th source of every topic. The prefix phase 1 strips
     * is {@code primary.} with {@code prefixed}, nothing otherwise.
     */
    List<Phase> phases(Set<String> available) {
        List<Phase> phases = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            Map<String, String> sourceToTarget = new LinkedHashMap<>();
            boolean remote = false;
            for (Map.Entry<String, List<String>> entry : sourcesByTopic(available).entrySet()) {
                List<String> sources = entry.getValue();
                if (index < sources.size()) {
                    String source = sources.get(index);
                    sourceToTarget.put(source, entry.getKey());
                    remote |= !source.equals(entry.getKey());
                }
            }
            if (!sourceToTarget.isEmpty()) {
                phases.add(new Phase(phases.size() + 1, remote ? restoredAlias + "." : "", sourceToTarget));
            }
        }
        return phases;
    }

    /** One restore run: these backup topics into these primary topics, names changed by stripping the prefix. */
    record Phase(int number, String stripPrefix, Map<String, String> sourceToTarget) {

        /** A regex matching exactly this phase's source topics. */
        String topicsRegex() {
            return String.join("|", sourceToTarget.keySet().stream().map(java.util.regex.Pattern::quote).toList());
        }
    }

    /**
     * Where a consumer group resumes in a restored partition whose records came from several
     * sources in order: in the first source it has not read to the end, so it never skips a
     * record; past all of them when it read everything.
     *
     * @param cursors one per source, oldest first
     */
    static OptionalLong resumePosition(List<SourceCursor> cursors) {
        OptionalLong afterAll = OptionalLong.empty();
        for (SourceCursor cursor : cursors) {
            if (cursor.end() <= cursor.start()) {
                continue; // nothing of this source in the partition
            }
            long committed = cursor.committed() == null ? cursor.start() : Math.max(cursor.committed(), cursor.start());
            if (committed < cursor.end()) {
                return cursor.restoredPosition().apply(committed);
            }
            afterAll = cursor.restoredPosition().apply(cursor.end());
        }
        return afterAll;
    }

    /**
     * A group's position in one source of a restored partition.
     *
     * @param committed        its committed offset there, null if it never committed one
     * @param start            the first offset of the source partition that was restored
     * @param end              the end offset of the source partition when it was restored
     * @param restoredPosition maps a source offset to the restored partition's offset
     */
    record SourceCursor(Long committed, long start, long end, LongFunction<OptionalLong> restoredPosition) {}
}
