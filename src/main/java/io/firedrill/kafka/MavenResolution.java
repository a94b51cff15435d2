package io.firedrill.kafka;

import io.firedrill.process.ChildProcesses;
import io.firedrill.support.BadInputException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a Kafka version's broker and MirrorMaker 2 runtime classpath with the Maven the user
 * already has: {@code mvn dependency:build-classpath} on a generated pom, so the user's settings,
 * mirrors, proxies, offline mode and local repository apply, and the jars stay in that repository
 * (no second cache). Only the resolved classpath is kept, in {@code <cache>/<version>/classpath.txt}.
 * <p>
 * {@code -Dfiredrill.maven=PATH} picks the {@code mvn} executable (default: {@code $MAVEN_HOME/bin/mvn},
 * else {@code mvn} on the PATH) and {@code -Dfiredrill.maven.args="-o ..."} adds arguments to it.
 */
final class MavenResolution {

    static final List<String> ARTIFACTS = List.of("org.apache.kafka:kafka_2.13", "org.apache.kafka:connect-mirror");
    /** Pinned: Maven 3.8's default dependency plugin is too old for the classpath output used here. */
    private static final String DEPENDENCY_PLUGIN = "3.8.1";
    private static final long TIMEOUT_MINUTES = 15;
    /** Maven's reason for a failed resolution, which names the artifact and the repository it asked. */
    private static final Pattern REASON = Pattern.compile("Could not resolve dependencies for project [^:]+:[^:]+:[^:]+:[^:]+: (.*?)(?: -> \\[Help 1])?$");

    private final Path cacheRoot;
    private final String maven;
    private final List<String> mavenArgs;

    MavenResolution(Path cacheRoot, String maven, List<String> mavenArgs) {
        this.cacheRoot = cacheRoot;
        this.maven = maven;
        this.mavenArgs = List.copyOf(mavenArgs);
    }

    static MavenResolution configured() {
        Path cache = Path.of(System.getProperty("firedrill.kafka.cache.dir",
                Path.of(System.getProperty("user.home"), ".cache", "firedrill", "kafka").toString()));
        String mavenHome = System.getenv("MAVEN_HOME");
        String maven = System.getProperty("firedrill.maven",
                mavenHome != null && Files.isExecutable(Path.of(mavenHome, "bin", "mvn")) ? Path.of(mavenHome, "bin", "mvn").toString() : "mvn");
        String args = System.getProperty("firedrill.maven.args", "").strip();
        return new MavenResolution(cache, maven, args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+")));
    }

    /** The classpath resolved earlier for exactly this pom, when every jar on it is still there. */
    Optional<List<Path>> cached(KafkaVersion version) {
        Path dir = cacheRoot.resolve(version.toString());
        try {
            if (!Files.isRegularFile(dir.resolve("classpath.txt")) || !Files.isRegularFile(dir.resolve("pom.xml"))
                    || !Files.readString(dir.resolve("pom.xml")).equals(pom(version))) {
                return Optional.empty();
            }
            List<Path> jars = parse(Files.readString(dir.resolve("classpath.txt")));
            return jars.stream().allMatch(Files::isRegularFile) && !jars.isEmpty() ? Optional.of(jars) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs Maven for this version.
     *
     * @throws BadInputException naming the artifact Maven could not get, where it looked and its log
     */
    List<Path> resolve(KafkaVersion version) {
        Path dir = cacheRoot.resolve(version.toString());
        Path classpathFile = dir.resolve("classpath.txt");
        Path log = dir.resolve("maven.log");
        List<String> command = new ArrayList<>(List.of(maven, "-B", "-f", dir.resolve("pom.xml").toString()));
        command.addAll(mavenArgs);
        command.addAll(List.of("org.apache.maven.plugins:maven-dependency-plugin:" + DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime"));
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(classpathFile);
            Files.writeString(dir.resolve("pom.xml"), pom(version), StandardCharsets.UTF_8);
            Process process = ChildProcesses.start(new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE));
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new BadInputException("cannot resolve Kafka " + version + ": Maven did not finish within "
                        + TIMEOUT_MINUTES + " minutes (its log: " + log + ")");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(classpathFile)) {
                throw new BadInputException("cannot resolve Kafka " + version + " (" + String.join(", ", ARTIFACTS) + "): "
                        + reason(log) + "; Maven's local repository: " + localRepository() + "; its log: " + log);
            }
            return parse(Files.readString(classpathFile));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
                throw new BadInputException("cannot resolve Kafka " + version + ": no Maven at '" + maven
                        + "' (set MAVEN_HOME or -Dfiredrill.maven=PATH)", e);
            }
            throw new UncheckedIOException("cannot resolve Kafka " + version + " in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving Kafka " + version, e);
        }
    }

    Path directory(KafkaVersion version) {
        return cacheRoot.resolve(version.toString());
    }

    static String pom(KafkaVersion version) {
        StringBuilder dependencies = new StringBuilder();
        List<String> coordinates = new ArrayList<>();
        ARTIFACTS.forEach(artifact -> coordinates.add(artifact + ":" + version));
        coordinates.add(KafkaLine.LOGGING_BINDING);
        for (String gav : coordinates) {
            String[] parts = gav.split(":");
            dependencies.append("    <dependency><groupId>").append(parts[0]).append("</groupId><artifactId>").append(parts[1])
                    .append("</artifactId><version>").append(parts[2]).append("</version></dependency>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Generated by Firedrill: the runtime of Kafka %s's brokers and MirrorMaker 2 -->
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.firedrill.kafka</groupId>
                  <artifactId>kafka-runtime</artifactId>
                  <version>%s</version>
                  <packaging>pom</packaging>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(version, version, dependencies);
    }

    private static List<Path> parse(String classpath) {
        return Arrays.stream(classpath.strip().split(File.pathSeparator)).filter(entry -> !entry.isBlank()).map(Path::of).toList();
    }

    /** Maven's own words for what failed, or its last error line. */
    private static String reason(Path log) throws IOException {
        List<String> errors = Files.readAllLines(log).stream().filter(line -> line.startsWith("[ERROR]"))
                .map(line -> line.substring("[ERROR]".length()).strip()).filter(line -> !line.isEmpty()).toList();
        for (String error : errors) {
            Matcher matcher = REASON.matcher(error);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return errors.isEmpty() ? "Maven failed without an error line" : errors.get(0);
    }

    /** Where Maven looks for jars first, as it decides: -Dmaven.repo.local, the user's settings, or its default. */
    private String localRepository() throws IOException {
        for (String arg : mavenArgs) {
            if (arg.startsWith("-Dmaven.repo.local=")) {
                return arg.substring("-Dmaven.repo.local=".length());
            }
        }
        Path settings = Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
        if (Files.isRegularFile(settings)) {
            Matcher configured = Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>").matcher(Files.readString(settings));
            if (configured.find()) {
                return configured.group(1);
            }
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
    }
}
