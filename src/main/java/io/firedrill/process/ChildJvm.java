package io.firedrill.process;

import io.firedrill.support.InfrastructureException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One child JVM (a broker, a MirrorMaker) started from the harness's own classpath or a Kafka
 * version's (see {@code KafkaDistribution}), mapping that classpath's class-data-sharing archive
 * when there is one, with its output in its own log file, and the signals a drill needs: SIGTERM (clean stop), SIGKILL,
 * SIGSTOP and SIGCONT. It dies with the harness (see {@link ChildProcesses}).
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static Builder builder(String name, String mainClass) {
        return new Builder(name, mainClass);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status once it has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        resume(); // a stopped JVM cannot run its shutdown hooks
        // SIGTERM through the handle: Process.destroy() would also close the child's stdin, and
        // its parent watchdog would halt it before its shutdown hooks ran
        process.toHandle().destroy();
        if (!awaitExit(grace)) {
            kill();
        }
    }

    /** SIGKILL, and wait until the kernel has reaped it, so its ports are free afterwards. */
    public void kill() {
        process.destroyForcibly();
        if (!awaitExit(Duration.ofSeconds(10))) {
            throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL for 10 s");
        }
    }

    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    public boolean awaitExit(Duration timeout) {
        return ChildProcesses.awaitExit(process, timeout);
    }

    /** The last {@code lines} lines of its log, for error messages and reports. */
    public List<String> logTail(int lines) {
        return LogFiles.tail(log, lines);
    }

    public InfrastructureException.LogExcerpt logExcerpt(int lines) {
        return new InfrastructureException.LogExcerpt(name, log.toString(), logTail(lines));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0 && process.isAlive()) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + signal + " to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    /**
     * The harness's own classpath, so children run exactly the Kafka the harness was built with;
     * {@code firedrill.child.classpath} overrides it.
     */
    public static String defaultClasspath() {
        String configured = System.getProperty("firedrill.child.classpath");
        return configured != null ? configured : System.getProperty("java.class.path");
    }

    /** How to launch a child JVM. */
    public static final class Builder {
        private final String name;
        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String classpath = defaultClasspath();
        private Path workingDirectory;
        private Path log;

        private Builder(String name, String mainClass) {
            this.name = name;
            this.mainClass = mainClass;
        }

        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        public Builder jvmOptions(List<String> values) {
            jvmOptions.addAll(values);
            return this;
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** Extra environment of the child on top of the harness's own (a preloaded library, say). */
        public Builder environment(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        public Builder classpath(String value) {
            classpath = value;
            return this;
        }

        public Builder workingDirectory(Path value) {
            workingDirectory = value;
            return this;
        }

        /** Stdout and stderr both go here, appended, so restarts keep the history. */
        public Builder log(Path value) {
            log = value;
            return this;
        }

        public ChildJvm start() {
            if (log == null) {
                throw new IllegalStateException("a child JVM needs a log file");
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (jvmOptions.stream().noneMatch(ClassDataSharing::isCdsOption)) {
                command.addAll(ClassDataSharing.jvmOptions(classpath));
            }
            command.addAll(jvmOptions);
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-cp");
            command.add(classpath);
            command.add(ParentWatchdog.class.getName());
            command.add(mainClass);
            command.addAll(args);
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the log directory of " + name, e);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            builder.environment().remove("JAVA_TOOL_OPTIONS"); // its banner would pollute every log
            builder.environment().putAll(environment);
            return new ChildJvm(name, ChildProcesses.start(builder), log);
        }
    }
}
