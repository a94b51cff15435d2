package io.firedrill.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The problems found in one file so far; the same problem found twice (through an alias) counts once. */
final class Problems {

    private final String file;
    private final Set<Problem> found = new LinkedHashSet<>();
    private int reports;

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(YamlTree.Mark at, String message) {
        add(file, at, message);
    }

    void add(String otherFile, YamlTree.Mark at, String message) {
        found.add(new Problem(otherFile, at.line(), at.column(), message));
        reports++;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** How many times a problem was reported, repeats included: it grows whenever something is wrong. */
    int reports() {
        return reports;
    }

    /** By position; problems at the same position in the order they were found. */
    List<Problem> sorted() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Problem.BY_POSITION);
        return List.copyOf(sorted);
    }
}
