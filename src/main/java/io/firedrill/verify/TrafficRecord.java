package io.firedrill.verify;

/** An intact traffic record: which run and producer sent it, its sequence, key index and send time. */
public record TrafficRecord(int runId, int producerId, long seq, int keyIndex, long sendTimeMs)
        implements RecordFormat.Decoded {
}
