package io.firedrill.cli;

import io.firedrill.drill.DrillEnvironment;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioFile;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.support.TerminationSignals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code drill up FILE}: the scenario's clusters, topics, replication and proxies, without traffic
 * or steps, kept until SIGINT/SIGTERM, so people point their own applications (kcat, any client,
 * a Toxiproxy CLI) at a live drill environment.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a scenario's clusters, topics, replication and proxies (no traffic, no steps), print the "
                + "endpoints, write them to <reports>/up/<name>/endpoints.properties and keep everything until "
                + "SIGINT/SIGTERM. Exit 0 after a clean teardown, 2 on bad input, 3 when it could not start.")
final class UpCommand implements Callable<Integer> {

    @Parameters(arity = "1", paramLabel = "FILE", description = "One scenario file.")
    private Path file;

    @Mixin
    private BackendOptions backend;

    @Override
    public Integer call() throws InterruptedException {
        ScenarioFile read = ScenarioParser.parse(file);
        if (!read.valid()) {
            read.problems().forEach(System.err::println);
            return DrillCommand.BAD_INPUT;
        }
        Scenario scenario = read.orThrow();
        backend.requireWritableReports();
        try (TerminationSignals signals = TerminationSignals.install();
             DrillEnvironment environment = DrillEnvironment.start(scenario, backend.toDrillOptions())) {
            Map<String, String> endpoints = environment.endpoints();
            Path written = write(endpoints, backend.reports.resolve("up").resolve(scenario.name()).resolve("endpoints.properties"));
            endpoints.forEach((key, value) -> System.out.println(key + "=" + value));
            System.out.println("# written to " + written + "; Ctrl-C (SIGINT) or SIGTERM tears everything down");
            System.out.flush();
            signals.await();
            System.out.println("# tearing down " + scenario.name() + " ...");
        }
        System.out.println("# torn down");
        return DrillCommand.PASS;
    }

    private static Path write(Map<String, String> endpoints, Path file) {
        StringBuilder text = new StringBuilder("# drill up: live endpoints of this drill environment\n");
        endpoints.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
