package io.firedrill.scenario;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the known word closest to a misspelt one, if it is close enough. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate nearest to {@code written} by edit distance, ignoring case and the separators
     * people swap ({@code replication_factor}, {@code replicationFactor}, {@code min.insync.replicas});
     * empty when nothing is within a third of the word's length, and for words under three
     * characters, where any guess would be a coin toss ({@code 2} for {@code 1}).
     */
    static Optional<String> closest(String written, Collection<String> candidates) {
        String typed = normalize(written);
        if (typed.length() < 3) {
            return Optional.empty();
        }
        int allowed = Math.max(1, Math.min(3, typed.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, normalize(candidate));
            if (distance < bestDistance && !candidate.equals(written)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code ; did you mean 'x'?} or nothing, to append to a message. */
    static String didYouMean(String written, Collection<String> candidates) {
        return closest(written, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[-_. ]", "");
    }

    /** Edit distance where swapping two neighbouring characters counts as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
