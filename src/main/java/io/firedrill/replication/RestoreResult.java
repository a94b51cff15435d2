package io.firedrill.replication;

/**
 * What a restore put back on the rebuilt primary.
 *
 * @param from            {@code backup} (reverse replication) or {@code backup-storage} (snapshot replay)
 * @param records         records restored
 * @param ms              from the start of the restore until the primary had them all
 * @param copyMs          the part of it spent copying records, without process starts, checks and
 *                        topic creation: for reverse replication from the first to the last record
 *                        MirrorMaker wrote (its offset syncs' timestamps), for a snapshot the replay
 * @param recordsPerSecond records / copyMs
 */
public record RestoreResult(String from, long records, long ms, long copyMs, double recordsPerSecond) {

    static RestoreResult of(String from, long records, long ms, long copyMs) {
        return new RestoreResult(from, records, ms, copyMs, copyMs <= 0 ? records : records * 1000.0 / copyMs);
    }
}
