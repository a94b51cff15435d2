package io.firedrill.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.firedrill.drill.DrillResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files around the test results that make an Allure report read well: where the drills ran
 * ({@code environment.properties}), how failures are grouped ({@code categories.json}), who ran
 * them ({@code executor.json}), and the previous report's {@code history/} so trends continue.
 */
public final class AllureResultsFolder {

    public static final String ENVIRONMENT = "environment.properties";
    public static final String CATEGORIES = "categories.json";
    public static final String EXECUTOR = "executor.json";
    public static final String HISTORY = "history";

    /** Several values for one key (two backends in one batch) are kept, joined by this. */
    static final String JOIN = " | ";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path resultsDir;
    private final Path previousReportDir;

    public AllureResultsFolder(Path resultsDir, Path previousReportDir) {
        this.resultsDir = resultsDir;
        this.previousReportDir = previousReportDir;
    }

    public Path resultsDir() {
        return resultsDir;
    }

    /** Everything but the test result itself, for one drill's run. */
    public void prepareFor(DrillResult result) {
        try {
            Files.createDirectories(resultsDir);
        } catch (IOException e) {
            throw ReportFiles.cannotWrite(resultsDir, e);
        }
        mergeEnvironment(environmentOf(result));
        writeCategories();
        writeExecutor();
        carryHistory();
    }

    static Map<String, String> environmentOf(DrillResult result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("kafka.version", result.kafka() == null ? "unknown" : result.kafka().describe());
        env.put("backend", orUnknown(result.backend()));
        env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version",
                System.getProperty("java.version")));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("machine", machine());
        return env;
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        String memory = "";
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = String.format(Locale.ROOT, ", %.1f GiB RAM", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return host + ", " + Runtime.getRuntime().availableProcessors() + " CPUs" + memory;
    }

    private void mergeEnvironment(Map<String, String> current) {
        Path file = resultsDir.resolve(ENVIRONMENT);
        Map<String, Set<String>> merged = new TreeMap<>();
        if (Files.exists(file)) {
            Properties existing = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                existing.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
            }
            existing.stringPropertyNames().forEach(k -> merged.computeIfAbsent(k, x -> new LinkedHashSet<>())
                    .addAll(java.util.List.of(existing.getProperty(k).split(java.util.regex.Pattern.quote(JOIN)))));
        }
        current.forEach((k, v) -> merged.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        StringBuilder out = new StringBuilder();
        merged.forEach((k, values) -> out.append(k).append('=').append(escape(String.join(JOIN, values))).append('\n'));
        ReportFiles.writeAtomically(file, out.toString());
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private void writeCategories() {
        try (InputStream in = AllureResultsFolder.class.getResourceAsStream("allure-categories.json")) {
            if (in == null) {
                throw new IllegalStateException("io/firedrill/report/allure-categories.json is missing from the classpath");
            }
            ReportFiles.writeAtomically(resultsDir.resolve(CATEGORIES), in.readAllBytes());
        } catch (IOException e) {
            throw ReportFiles.cannotWrite(resultsDir.resolve(CATEGORIES), e);
        }
    }

    /** Names the run; on Jenkins it links the report to the build (the Maven plugin writes its own). */
    private void writeExecutor() {
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("name", "Firedrill");
        executor.put("type", "firedrill");
        executor.put("reportName", "Firedrill DR drills");
        String buildUrl = System.getenv("BUILD_URL");
        if (buildUrl != null) {
            executor.put("name", "Jenkins");
            executor.put("type", "jenkins");
            executor.put("buildUrl", buildUrl);
            executor.put("buildName", System.getenv().getOrDefault("BUILD_TAG", buildUrl));
            String number = System.getenv("BUILD_NUMBER");
            if (number != null && number.chars().allMatch(Character::isDigit)) {
                executor.put("buildOrder", Long.parseLong(number));
            }
            executor.put("reportUrl", buildUrl + "allure");
        }
        try {
            ReportFiles.writeAtomically(resultsDir.resolve(EXECUTOR), JSON.writeValueAsBytes(executor));
        } catch (IOException e) {
            throw ReportFiles.cannotWrite(resultsDir.resolve(EXECUTOR), e);
        }
    }

    /**
     * Copies the last generated report's {@code history/} into the results, so the next report
     * continues its trends. Done when results are written rather than when the report is
     * generated: generating twice from the same results then gives the same report, not a trend
     * with the same run counted twice.
     */
    private void carryHistory() {
        Path from = previousReportDir.resolve(HISTORY);
        if (!Files.isDirectory(from)) {
            return;
        }
        Path to = resultsDir.resolve(HISTORY);
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw ReportFiles.cannotWrite(to, e);
        }
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
