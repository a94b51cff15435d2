package io.firedrill.cli;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.drill.DrillOptions;
import io.firedrill.support.BadInputException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The options {@code run} and {@code up} share: where clusters and proxies come from, where reports go. */
final class BackendOptions {

    private static final List<String> TOXIPROXIES = List.of("embedded", "binary", "testcontainers");

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = DrillOptions.DEFAULT_BACKEND,
            description = "Cluster backend: process (default: broker JVMs), testcontainers (needs Docker), external "
                    + "(existing clusters from $FIREDRILL_EXTERNAL_CONFIG).")
    String backend;

    @Option(names = "--toxiproxy", paramLabel = "NAME", defaultValue = DrillOptions.DEFAULT_TOXIPROXY,
            description = "Toxiproxy: embedded (default, in the harness), binary (toxiproxy-server on PATH), testcontainers.")
    String toxiproxy;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports",
            description = "Where summaries, HTML reports and Allure results go (default: reports).")
    Path reports;

    /**
     * Fails (bad input) unless the reports folder can be created and written now: found only when
     * the reports are written, it would cost the whole drill and end it as an infrastructure error.
     */
    void requireWritableReports() {
        try {
            Files.createDirectories(reports);
            Files.delete(Files.createTempFile(reports, ".write-check", ""));
        } catch (IOException | SecurityException e) {
            String why = e instanceof FileAlreadyExistsException ? "a file is in the way: " + e.getMessage()
                    : e instanceof AccessDeniedException ? "permission denied: " + e.getMessage() : e.toString();
            throw new BadInputException("--reports " + reports + " cannot be written (" + why + "); nothing was started:"
                    + " give a folder you can write to");
        }
    }

    DrillOptions toDrillOptions() {
        if (!ClusterBackend.NAMES.contains(backend)) {
            throw new BadInputException("unknown backend '" + backend + "': use --backend " + String.join(" | ", ClusterBackend.NAMES));
        }
        if (!TOXIPROXIES.contains(toxiproxy)) {
            throw new BadInputException("unknown Toxiproxy '" + toxiproxy + "': use --toxiproxy " + String.join(" | ", TOXIPROXIES));
        }
        return new DrillOptions(backend, toxiproxy, reports);
    }
}
