package io.firedrill.bench;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class BenchResultsTableTest {

    /** JMH 1.37's JSON layout (field for field as it writes it) with sample values chosen so medians differ from means. */
    private static final Path PAIRED_RUN = resource("bench/paired-run.json");
    /** Unedited output of a real JMH run: LedgerBench.sendAndAck (AverageTime) and EmbeddedToxiproxyBenchmark.roundTrip (SampleTime). */
    private static final Path REAL_RUN = resource("bench/jmh-real-run.json");

    @Test
    void singleShotMedianIsTheMiddleRunNotJmhsMean() {
        BenchResultsTable table = BenchResultsTable.from(List.of(PAIRED_RUN));

        BenchResultsTable.Figure failover = table.figure("FailoverBench.primaryLostToConsumingOnBackup").orElseThrow();
        assertThat(failover.median()).isEqualTo(3000.0);
        assertThat(failover.min()).isEqualTo(2500.0);
        assertThat(failover.max()).isEqualTo(4000.0);
        assertThat(failover.samples()).isEqualTo(3);
        assertThat(failover.scoreError()).isEqualTo(4810.480387281464);
        assertThat(failover.unit()).isEqualTo("ms/op");
    }

    @Test
    void secondaryFiguresBecomeRowsOfTheirOwn() {
        BenchResultsTable table = BenchResultsTable.from(List.of(PAIRED_RUN));

        BenchResultsTable.Figure rpo = table.figure("FailoverBench.primaryLostToConsumingOnBackup:rpoMs").orElseThrow();
        assertThat(rpo.median()).isEqualTo(5.0);
        assertThat(rpo.unit()).isEqualTo("ms");
        assertThat(rpo.benchmark()).isEqualTo("FailoverBench.primaryLostToConsumingOnBackup:rpoMs");
    }

    @Test
    void evenSampleCountsTakeTheMeanOfTheTwoMiddleSamples() {
        BenchResultsTable table = BenchResultsTable.from(List.of(PAIRED_RUN));

        assertThat(table.figure("ProducerBaselineBench.firedrillTrafficProducer").orElseThrow().median()).isEqualTo(56_500.0);
    }

    @Test
    void sampleTimeMedianWeighsHistogramBucketsAcrossIterationsAndSkipsJmhPercentileRows() {
        BenchResultsTable table = BenchResultsTable.from(List.of(PAIRED_RUN));

        // samples 4, 4, 30 (iteration 1) and 4, 6 (iteration 2): 4, 4, 4, 6, 30
        BenchResultsTable.Figure lag = table.figure("ReplicationLagBench.probeReadableOnBackup[path=replication-link]").orElseThrow();
        assertThat(lag.median()).isEqualTo(4.0);
        assertThat(lag.samples()).isEqualTo(5);
        assertThat(lag.max()).isEqualTo(30.0);
        // one slow probe must not stretch the spread: nearest-rank p25 and p75
        assertThat(lag.low()).isEqualTo(4.0);
        assertThat(lag.high()).isEqualTo(6.0);
        assertThat(lag.p99()).isEqualTo(30.0);
        assertThat(table.figures()).extracting(BenchResultsTable.Figure::key)
                .noneMatch(key -> key.contains("p0.50"));
    }

    @Test
    void pairedRatiosDivideMediansAndBracketThemWithTheExtremes() {
        BenchResultsTable table = BenchResultsTable.from(List.of(PAIRED_RUN));

        assertThat(table.ratios()).extracting(ratio -> ratio.pairing().numerator())
                .containsExactly("ProducerBaselineBench.firedrillTrafficProducer", "FailoverBench.primaryLostToConsumingOnBackup:rpoMs");
        BenchResultsTable.Ratio producer = table.ratios().get(0);
        assertThat(producer.median()).isEqualTo(56_500.0 / 100_000.0);
        assertThat(producer.low()).isEqualTo(50_000.0 / 110_000.0);
        assertThat(producer.high()).isEqualTo(60_000.0 / 90_000.0);
        BenchResultsTable.Ratio rpoOverLag = table.ratios().get(1);
        assertThat(rpoOverLag.median()).isEqualTo(5.0 / 4.0);
        assertThat(rpoOverLag.low()).isZero();
        assertThat(rpoOverLag.high()).isEqualTo(12.0 / 4.0);
    }

    @Test
    void markdownCarriesEveryRowWithItsMeaningAndTheRatios() {
        String markdown = BenchResultsTable.from(List.of(PAIRED_RUN))
                .toMarkdown(new BenchResultsTable.RunInfo("Short (nightly) configuration,", ".*", Duration.ofSeconds(754), List.of()));

        assertThat(markdown)
                .contains("Short (nightly) configuration")
                .contains("suite wall time 12 min 34 s")
                .contains("| FailoverBench.primaryLostToConsumingOnBackup | 3,000 | 4,810 | 2,500 – 4,000 | ms/op | 3 | Consumers' RTO")
                .contains("| FailoverBench.primaryLostToConsumingOnBackup · rpoMs | 5.00 | 110 | 0 – 12.0 | ms | 3 | RPO in time")
                .contains("| ReplicationLagBench.probeReadableOnBackup[path=replication-link] | 4.00 | 11.5 | 4.00 – 6.00; p99 30.0; max 30.0 | ms/op | 5 |")
                .contains("| Firedrill traffic producer ÷ Kafka ProducerPerformance (records/s) | 0.565 | 0.455 – 0.667 |");
    }

    @Test
    void realJmhOutputGivesTheMediansJmhItselfReports() {
        BenchResultsTable table = BenchResultsTable.from(List.of(REAL_RUN));

        // two iterations: the median is their mean, which is JMH's score
        BenchResultsTable.Figure ledger = table.figure("LedgerBench.sendAndAck").orElseThrow();
        assertThat(ledger.median()).isCloseTo(28.63594756746032, offset(1e-9));
        assertThat(ledger.scoreError()).isNaN();
        // 9,158 sampled round trips: JMH's own p50 over the same samples
        BenchResultsTable.Figure roundTrip = table.figure("EmbeddedToxiproxyBenchmark.roundTrip[path=direct]").orElseThrow();
        assertThat(roundTrip.samples()).isEqualTo(9_158);
        assertThat(roundTrip.median()).isEqualTo(19.136);
        assertThat(roundTrip.p99()).isCloseTo(143.72095999999996, offset(1e-9));
        assertThat(roundTrip.low()).isEqualTo(18.016000000000002);
        assertThat(roundTrip.high()).isEqualTo(24.576);
    }

    @Test
    void filesThatAreNotJmhResultsAreSkipped() {
        assertThat(BenchResultsTable.from(List.of(resource("bench/ledger-footprint.json"))).figures()).isEmpty();
    }

    @Test
    void formatKeepsThreeSignificantDigitsWithoutExponents() {
        assertThat(BenchResultsTable.format(123_456.7)).isEqualTo("123,457");
        assertThat(BenchResultsTable.format(42.345)).isEqualTo("42.3");
        assertThat(BenchResultsTable.format(4.2)).isEqualTo("4.20");
        assertThat(BenchResultsTable.format(0.000123456)).isEqualTo("0.000123");
        assertThat(BenchResultsTable.format(0)).isEqualTo("0");
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(BenchResultsTableTest.class.getClassLoader().getResource(name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
