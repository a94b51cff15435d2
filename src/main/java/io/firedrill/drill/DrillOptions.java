package io.firedrill.drill;

import java.nio.file.Path;

/**
 * How drills run: which cluster backend ({@code process}, {@code testcontainers}, {@code external}),
 * which Toxiproxy ({@code embedded}, {@code binary}, {@code testcontainers}), and where reports go.
 */
public record DrillOptions(String backend, String toxiproxy, Path reports) {

    public static final String DEFAULT_BACKEND = "process";
    public static final String DEFAULT_TOXIPROXY = "embedded";

    public static DrillOptions defaults() {
        return new DrillOptions(DEFAULT_BACKEND, DEFAULT_TOXIPROXY, Path.of("reports"));
    }

    public DrillOptions withBackend(String name) {
        return new DrillOptions(name, toxiproxy, reports);
    }

    public DrillOptions withToxiproxy(String name) {
        return new DrillOptions(backend, name, reports);
    }

    public DrillOptions withReports(Path dir) {
        return new DrillOptions(backend, toxiproxy, dir);
    }
}
