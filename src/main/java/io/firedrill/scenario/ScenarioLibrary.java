package io.firedrill.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The scenario files of a directory (the {@code scenarios/} library): for {@code drill list} and the drill suite. */
public final class ScenarioLibrary {

    /** The tag selection that takes every scenario (the nightly profile's {@code drill.tags=all}). */
    public static final String ALL_TAGS = "all";
    /**
     * The tag of a drill that FAILs on purpose: it shows a weakness the team knows about (its
     * description starts "Known finding:"), and the suite expects its FAIL rather than a PASS.
     */
    public static final String KNOWN_FINDING = "known-finding";

    private ScenarioLibrary() {
    }

    /**
     * One line of {@code drill list}: a valid scenario's name, tags and description, or an invalid
     * file's problems (then {@code name} is the file name without {@code .yaml}).
     */
    public record Entry(Path file, String name, String description, List<String> tags, Severity severity,
                        List<Problem> problems) {

        public Entry {
            tags = List.copyOf(tags);
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Every {@code *.yaml} directly in {@code dir}, by file name. */
    public static List<Path> files(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios in " + dir, e);
        }
    }

    /** The library of {@code dir}, by file name; invalid files are listed too, with their problems. */
    public static List<Entry> list(Path dir) {
        return files(dir).stream().map(ScenarioLibrary::entry).toList();
    }

    /** Every file of {@code dir}, read; the caller decides what an invalid one means. */
    public static List<ScenarioFile> read(Path dir) {
        return files(dir).stream().map(ScenarioParser::parse).toList();
    }

    /**
     * Whether {@code scenario} is selected by a tag list like {@code smoke} or {@code smoke,nightly}
     * ({@value #ALL_TAGS} selects everything).
     */
    public static boolean selected(Scenario scenario, Collection<String> tags) {
        Set<String> wanted = Set.copyOf(tags);
        return wanted.contains(ALL_TAGS) || scenario.tags().stream().anyMatch(wanted::contains);
    }

    private static Entry entry(Path file) {
        ScenarioFile read = ScenarioParser.parse(file);
        return read.scenario()
                .map(s -> new Entry(file, s.name(), s.description(), s.tags(), s.severity(), List.of()))
                .orElseGet(() -> new Entry(file, file.getFileName().toString().replaceFirst("\\.yaml$", ""), "",
                        List.of(), Severity.NORMAL, read.problems()));
    }
}
