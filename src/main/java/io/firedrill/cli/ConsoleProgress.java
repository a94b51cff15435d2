package io.firedrill.cli;

import io.firedrill.drill.DrillListener;
import io.firedrill.drill.DrillResult;
import io.firedrill.scenario.Step;

import java.io.PrintStream;
import java.util.Locale;

/** One line per phase and per step as a drill runs, then its verdict; colour only on a terminal. */
final class ConsoleProgress implements DrillListener {

    private final PrintStream out;
    private final boolean colour;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.colour = System.console() != null && System.getenv("NO_COLOR") == null;
    }

    @Override
    public void phase(String scenario, String phase) {
        out.printf("%s  %s ...%n", scenario, phase);
    }

    @Override
    public void stepStarted(String scenario, Step step) {
        out.printf("%s  step %d  %s%n", scenario, step.index(), step.text());
    }

    @Override
    public void stepFinished(String scenario, DrillResult.StepRecord record) {
        String outcome = switch (record.outcome()) {
            case PASSED -> paint("ok", "32");
            case FAILED -> paint("FAILED", "31");
            case BROKEN -> paint("BROKEN", "31");
            case SKIPPED -> paint("skipped", "33");
        };
        out.printf(Locale.ROOT, "%s  step %d  %s  %.1fs  %s%s%n", scenario, record.index(), outcome,
                (record.endedAtMs() - record.startedAtMs()) / 1000.0, record.result(),
                record.notes() == null || record.notes().isEmpty() ? "" : "  (" + record.notes() + ")");
    }

    @Override
    public void finished(DrillResult result) {
        String verdict = switch (result.verdict()) {
            case PASS -> paint("PASS", "32");
            case FAIL -> paint("FAIL", "31");
            case ERROR -> paint("ERROR", "31");
        };
        out.printf(Locale.ROOT, "%s  %s in %.1fs%n", result.scenario(), verdict, result.durationMs() / 1000.0);
        result.failures().forEach(failure -> out.printf("%s    broken: [%s] measured %s, bound %s%n",
                result.scenario(), failure.expectation(), failure.actual(), failure.bound()));
        if (result.error() != null) {
            out.printf("%s    error: %s%n", result.scenario(), result.error());
        }
    }

    private String paint(String text, String code) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
