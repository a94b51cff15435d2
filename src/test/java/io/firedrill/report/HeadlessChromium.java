package io.firedrill.report;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} run headless, one page per launch: its screenshot and its DOM after
 * the page's scripts settled ({@code --virtual-time-budget}). Each launch gets a fresh
 * profile and the flags that keep it off the (closed) network; the browser and its helper
 * processes never outlive a call.
 */
public final class HeadlessChromium {

    /** Why tests skip when there is no browser, and how to get one. */
    public static final String MISSING = "headless Chromium is not installed: apt-get install -y chromium"
            + " (or point -Dfiredrill.chromium at a Chromium/Chrome binary)";

    private static final Duration BUDGET = Duration.ofSeconds(15);
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(120);

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /**
     * For tests that render an Allure report: the browser, or the test is skipped with the reason
     * when the browser or the Allure commandline (through Maven) is missing.
     */
    public static HeadlessChromium assumeReadyForAllure() {
        Optional<HeadlessChromium> chromium = find();
        Assumptions.assumeTrue(chromium.isPresent(), MISSING);
        Assumptions.assumeTrue(AllureReportCommand.maven().isPresent(), AllureReportCommand.MISSING);
        return chromium.get();
    }

    /** The browser named by {@code -Dfiredrill.chromium}, else the first Chromium/Chrome on the PATH. */
    public static Optional<HeadlessChromium> find() {
        String configured = System.getProperty("firedrill.chromium");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(new HeadlessChromium(path)) : Optional.empty();
        }
        String pathEnv = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : pathEnv.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Opens the page at {@code width} x {@code height}, lets its scripts run for 15 s of virtual
     * time, saves a PNG of it and returns its DOM (one browser launch for both).
     */
    public String render(String url, Path png, int width, int height) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.deleteIfExists(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dom = run(url, List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), "--dump-dom"));
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("Chromium wrote no screenshot of " + url + " to " + png);
        }
        return dom;
    }

    private String run(String url, List<String> extra) {
        Path profile = null;
        Path stdout = null;
        Process process = null;
        try {
            profile = Files.createTempDirectory("firedrill-chromium-profile");
            stdout = Files.createTempFile("firedrill-chromium", ".out");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--virtual-time-budget=" + BUDGET.toMillis()));
            command.addAll(extra);
            command.add(url);
            process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(LAUNCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Chromium did not finish rendering " + url + " within "
                        + LAUNCH_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + " rendering " + url);
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium rendered " + url, e);
        } finally {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteQuietly(stdout);
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp profile is harmless; the render result is what matters
        }
    }
}
