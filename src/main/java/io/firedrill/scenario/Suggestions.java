package io.firedrill.scenario;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the known word closest to a misspelled one, if it is close enough. */
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

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
