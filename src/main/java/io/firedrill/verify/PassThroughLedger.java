package io.firedrill.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the harness fed one application and what came back: per input sequence its send time,
 * whether Kafka acknowledged it, how often it came out intact and when first; plus the changed and
 * foreign output. Growable arrays indexed by sequence: a drill feeds an application a few thousand
 * records a minute.
 */
public final class PassThroughLedger {

    private final int runId;
    private long[] sentAtMs = new long[1024];
    private long[] firstOutAtMs = new long[1024];
    private int[] outputs = new int[1024];
    private boolean[] acked = new boolean[1024];
    private long next;
    private long changed;
    private long foreign;

    public PassThroughLedger(int runId) {
        this.runId = runId;
    }

    public int runId() {
        return runId;
    }

    /** The next sequence, sent now. */
    public synchronized long sent(long atMs) {
        long seq = next++;
        grow(seq);
        sentAtMs[(int) seq] = atMs;
        return seq;
    }

    public synchronized void acked(long seq) {
        acked[(int) seq] = true;
    }

    /** An output record read at {@code atMs}. */
    public synchronized void output(PassThroughRecord.Read read, long atMs) {
        if (read instanceof PassThroughRecord.Intact intact && intact.seq() >= 0 && intact.seq() < next) {
            int seq = (int) intact.seq();
            if (outputs[seq]++ == 0) {
                firstOutAtMs[seq] = atMs;
            }
        } else if (read instanceof PassThroughRecord.Changed) {
            changed++;
        } else {
            foreign++; // a sequence this run never sent counts as foreign too
        }
    }

    /** Acknowledged inputs not yet seen on the output: what the drain waits for. */
    public synchronized long missing() {
        long missing = 0;
        for (int seq = 0; seq < next; seq++) {
            if (acked[seq] && outputs[seq] == 0) {
                missing++;
            }
        }
        return missing;
    }

    /**
     * When the first output of an input sent at or after {@code sentSinceMs} (epoch ms) was read:
     * the application's recovery after an address flip counts to it, since output of older inputs
     * may have been written before the flip or be a re-read of them.
     */
    public synchronized OptionalLong firstOutputOfInputSentSince(long sentSinceMs) {
        long first = Long.MAX_VALUE;
        // send times only grow with the sequence (one feeding thread): walk back to the first older input
        for (long seq = next - 1; seq >= 0 && sentAtMs[(int) seq] >= sentSinceMs; seq--) {
            if (outputs[(int) seq] > 0) {
                first = Math.min(first, firstOutAtMs[(int) seq]);
            }
        }
        return first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(first);
    }

    /** Every input so far, for {@link PassThroughCheck}. */
    synchronized List<Input> inputs() {
        List<Input> inputs = new ArrayList<>((int) next);
        for (int seq = 0; seq < next; seq++) {
            inputs.add(new Input(sentAtMs[seq], acked[seq], outputs[seq], outputs[seq] == 0 ? null : firstOutAtMs[seq] - sentAtMs[seq]));
        }
        return inputs;
    }

    synchronized long changed() {
        return changed;
    }

    synchronized long foreign() {
        return foreign;
    }

    /** One input record: {@code latencyMs} from its send to its first intact output, null when none came. */
    record Input(long sentAtMs, boolean acked, int outputs, Long latencyMs) {
    }

    private void grow(long seq) {
        if (seq < sentAtMs.length) {
            return;
        }
        int size = sentAtMs.length * 2;
        sentAtMs = Arrays.copyOf(sentAtMs, size);
        firstOutAtMs = Arrays.copyOf(firstOutAtMs, size);
        outputs = Arrays.copyOf(outputs, size);
        acked = Arrays.copyOf(acked, size);
    }
}
