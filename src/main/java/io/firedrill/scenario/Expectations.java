package io.firedrill.scenario;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bounds of {@code expect:}; the drill FAILs when one breaks. Empty bounds are not checked
 * (the figures are still reported); skipped records default to 0 and order to per-key even when
 * the file has no {@code expect:}. {@code abortedReads} and {@code splitTransactions} bound the
 * transactional producers' anomalies ({@code aborted-reads}, {@code split-transactions});
 * {@code sameClusterDuplicates} the records a group processed twice from one cluster
 * ({@code same-cluster-duplicates}: what replication duplicated, apart from failover re-reads).
 */
public record Expectations(OptionalLong lostAckedRecords, Optional<Duration> rpo, Optional<Duration> rto,
                           OptionalLong consumerDuplicates, long skippedRecords, OrderExpectation order,
                           boolean allRecordsRestored, OptionalLong abortedReads, OptionalLong splitTransactions,
                           OptionalLong sameClusterDuplicates) {

    public static final Expectations DEFAULT = new Expectations(OptionalLong.empty(), Optional.empty(),
            Optional.empty(), OptionalLong.empty(), 0, OrderExpectation.PER_KEY, false, OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty());

    public Expectations {
        Objects.requireNonNull(lostAckedRecords, "lostAckedRecords");
        Objects.requireNonNull(rpo, "rpo");
        Objects.requireNonNull(rto, "rto");
        Objects.requireNonNull(consumerDuplicates, "consumerDuplicates");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(abortedReads, "abortedReads");
        Objects.requireNonNull(splitTransactions, "splitTransactions");
        Objects.requireNonNull(sameClusterDuplicates, "sameClusterDuplicates");
    }
}
