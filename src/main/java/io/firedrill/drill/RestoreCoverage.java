package io.firedrill.drill;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a restore had to bring back against what the restored cluster holds, per restored
 * partition: {@code expected} is what the source held when the restore started (the backup
 * cluster's records, or the snapshot's manifest), mapped onto the restored topic names;
 * {@code restored} is what the restored cluster holds once the restore reports done.
 */
record RestoreCoverage(Map<TopicPartition, Long> expected, Map<TopicPartition, Long> restored) {

    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);
    private static final int LISTED = 5;

    RestoreCoverage {
        expected = sorted(expected);
        restored = sorted(restored);
    }

    private static Map<TopicPartition, Long> sorted(Map<TopicPartition, Long> counts) {
        Map<TopicPartition, Long> copy = new TreeMap<>(ORDER);
        copy.putAll(counts);
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** Records the source held that the restored cluster lacks, summed over partitions. */
    long missing() {
        return expected.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - restored.getOrDefault(e.getKey(), 0L))).sum();
    }

    boolean complete() {
        return missing() == 0;
    }

    long restoredRecords() {
        return restored.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The short partitions, worst first: {@code orders-2 holds 0 of 1,204 records}; empty when complete. */
    String describeMissing() {
        List<Map.Entry<TopicPartition, Long>> shortOnes = new ArrayList<>();
        expected.entrySet().stream().filter(e -> restored.getOrDefault(e.getKey(), 0L) < e.getValue()).forEach(shortOnes::add);
        if (shortOnes.isEmpty()) {
            return "";
        }
        shortOnes.sort(Comparator.comparingLong((Map.Entry<TopicPartition, Long> e) -> restored.getOrDefault(e.getKey(), 0L) - e.getValue())
                .thenComparing(Map.Entry::getKey, ORDER));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d records missing: ", missing()));
        for (int i = 0; i < Math.min(LISTED, shortOnes.size()); i++) {
            Map.Entry<TopicPartition, Long> entry = shortOnes.get(i);
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s holds %,d of %,d",
                    entry.getKey(), restored.getOrDefault(entry.getKey(), 0L), entry.getValue()));
        }
        if (shortOnes.size() > LISTED) {
            text.append(" and ").append(shortOnes.size() - LISTED).append(" more partitions");
        }
        return text.toString();
    }
}
