package io.firedrill.cli;

import io.firedrill.scenario.Scenario;
import io.firedrill.support.BadInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} slices of a drill library, {@code --shard I/N} with I counted from 1: the
 * scenarios sorted by name are dealt out in turn, so shard sizes differ by at most one and every
 * scenario lands in exactly one shard. The assignment depends only on the library's names (not on
 * the order files were given or found), so every agent of a night computes the same split.
 */
record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new BadInputException("--shard " + index + "/" + count + ": give I/N with 1 <= I <= N, e.g. --shard 2/4");
        }
    }

    static Shard parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw new BadInputException("--shard '" + text + "': give I/N with 1 <= I <= N, e.g. --shard 2/4");
        }
        return new Shard(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** This shard's scenarios, by name. */
    List<Scenario> select(List<Scenario> scenarios) {
        List<Scenario> sorted = scenarios.stream().sorted(Comparator.comparing(Scenario::name)).toList();
        List<Scenario> mine = new ArrayList<>();
        for (int i = index - 1; i < sorted.size(); i += count) {
            mine.add(sorted.get(i));
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
