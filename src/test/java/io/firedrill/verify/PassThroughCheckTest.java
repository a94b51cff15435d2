package io.firedrill.verify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PassThroughCheckTest {

    private static final int RUN = 42;

    @Test
    void recordsReadBackIntactChangedOrForeign() {
        byte[] key = PassThroughRecord.key(17);
        byte[] value = PassThroughRecord.value(RUN, 17, 1_000);

        assertThat(new String(value, StandardCharsets.US_ASCII)).matches("firedrill 42 17 1000 [0-9a-f]{8}");
        assertThat(PassThroughRecord.read(RUN, key, value)).isEqualTo(new PassThroughRecord.Intact(17));
        assertThat(PassThroughRecord.read(RUN, PassThroughRecord.key(18), value)).isEqualTo(new PassThroughRecord.Changed(17));
        byte[] altered = value.clone();
        altered[altered.length - 10] = '9';
        assertThat(PassThroughRecord.read(RUN, key, altered)).isInstanceOf(PassThroughRecord.Changed.class);
        assertThat(PassThroughRecord.read(RUN + 1, key, value)).isInstanceOf(PassThroughRecord.Foreign.class);
        assertThat(PassThroughRecord.read(RUN, key, "hello".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(PassThroughRecord.Foreign.class);
    }

    @Test
    void countsLostDuplicatedChangedAndForeignAndLatencyPerPhase() {
        PassThroughLedger ledger = new PassThroughLedger(RUN);
        for (long t = 0; t < 30; t++) {
            long seq = ledger.sent(t * 100); // 0 .. 2900 ms
            if (seq != 29) {
                ledger.acked(seq); // the last send's outcome stays unknown: never counted lost
            }
        }
        for (long seq = 0; seq < 29; seq++) {
            if (seq == 12 || seq == 13) {
                continue; // lost during the disturbance
            }
            ledger.output(new PassThroughRecord.Intact(seq), seq * 100 + (seq < 10 ? 5 : 50));
        }
        ledger.output(new PassThroughRecord.Intact(20), 5_000);
        ledger.output(new PassThroughRecord.Intact(29), 3_000);
        ledger.output(new PassThroughRecord.Changed(3), 400);
        ledger.output(new PassThroughRecord.Foreign(), 400);
        ledger.output(new PassThroughRecord.Intact(99), 400);

        PassThroughCheck.Report report = PassThroughCheck.check(ledger, new PassThroughCheck.Phases(1_000L, 2_000L), t -> t);

        assertThat(report).extracting(PassThroughCheck.Report::sent, PassThroughCheck.Report::acked, PassThroughCheck.Report::lost,
                PassThroughCheck.Report::duplicated, PassThroughCheck.Report::changed, PassThroughCheck.Report::foreign)
                .containsExactly(30L, 29L, 2L, 1L, 1L, 2L);
        assertThat(report.phases()).containsExactly(
                new PassThroughCheck.PhaseFigures("before", 10, 0, 0, 5L, 5L),
                new PassThroughCheck.PhaseFigures("during", 10, 2, 0, 50L, 50L),
                new PassThroughCheck.PhaseFigures("after", 9, 0, 1, 50L, 50L));
        assertThat(ledger.missing()).isEqualTo(2);
    }

    @Test
    void anUndisturbedDrillIsAllBefore() {
        PassThroughLedger ledger = new PassThroughLedger(RUN);
        ledger.acked(ledger.sent(0));

        assertThat(PassThroughCheck.check(ledger, new PassThroughCheck.Phases(null, null), t -> t).phases())
                .containsExactly(new PassThroughCheck.PhaseFigures("before", 1, 1, 0, null, null));
    }

    @Test
    void recoveryAfterAFlipCountsToTheFirstOutputOfAnInputSentSinceIt() {
        PassThroughLedger ledger = new PassThroughLedger(RUN);
        for (long t = 0; t < 10; t++) {
            ledger.acked(ledger.sent(1_000 + t * 100)); // 1000 .. 1900 ms; the flip at 1500
        }
        ledger.output(new PassThroughRecord.Intact(2), 1_300);
        ledger.output(new PassThroughRecord.Intact(4), 2_100); // sent before the flip: does not count
        assertThat(ledger.firstOutputOfInputSentSince(1_500)).isEmpty();

        ledger.output(new PassThroughRecord.Intact(8), 2_600);
        ledger.output(new PassThroughRecord.Intact(6), 2_400);
        ledger.output(new PassThroughRecord.Intact(6), 2_200); // a second copy: the first read of seq 6 counts
        assertThat(ledger.firstOutputOfInputSentSince(1_500)).hasValue(2_400);
        assertThat(ledger.firstOutputOfInputSentSince(1_600)).hasValue(2_400);
        assertThat(ledger.firstOutputOfInputSentSince(1_800)).hasValue(2_600);
        assertThat(ledger.firstOutputOfInputSentSince(5_000)).isEmpty();
    }
}
