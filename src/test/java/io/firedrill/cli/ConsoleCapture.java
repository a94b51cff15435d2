package io.firedrill.cli;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the CLI printed during one test: {@code System.out} and {@code System.err} are captured
 * before each test and given back after it ({@code @RegisterExtension}).
 */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    String outText() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Standard output's non-blank lines. */
    List<String> outLines() {
        return lines(outText());
    }

    /** Standard error's non-blank lines. */
    List<String> errLines() {
        return lines(errText());
    }

    /** Prints to the real standard output: a figure for the build's log, past the capture. */
    void log(String line) {
        originalOut.println(line);
    }

    /** Forgets what was printed so far (between CLI calls of one test). */
    void reset() {
        out.reset();
        err.reset();
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).filter(line -> !line.isBlank()).toList();
    }
}
