package io.firedrill.support;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One drill run's identity on the clusters it touches: {@code fd-} and eight hex digits, the run id
 * the ledger also writes into every record. Every name Firedrill makes up on a cluster carries it
 * (MirrorMaker's Connect groups and internal topics, its heartbeats, checkpoints and offset-syncs
 * topics, client and transactional ids), so two drills against the same pair of clusters, or a
 * drill and the team's own MirrorMaker, never share one; and {@code kafka-topics --list | grep
 * fd-1a2b3c4d} finds what one run left. Names the scenario gives (topics, consumer groups) are the
 * team's and stay as written.
 */
public record RunTag(String value) {

    private static final Pattern FORM = Pattern.compile("fd-[0-9a-f]{8}");

    public RunTag {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a run tag is fd- and eight hex digits, got '" + value + "'");
        }
    }

    /** The tag of the run whose ledger writes {@code runId} into its records. */
    public static RunTag of(int runId) {
        return new RunTag(String.format(Locale.ROOT, "fd-%08x", runId));
    }

    /** A fresh tag, for flows and environments that have no ledger (drill up, tests, the CDS training run). */
    public static RunTag random() {
        return of(new SecureRandom().nextInt());
    }

    @Override
    public String toString() {
        return value;
    }
}
