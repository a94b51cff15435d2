package io.firedrill.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A child command of any language (a team's service, a shell pipeline) that dies with the harness
 * however the harness dies. A JVM child halts itself through {@link ParentWatchdog}; an arbitrary
 * command cannot, and a pipeline is several processes that PR_SET_PDEATHSIG does not reach (it is
 * not inherited across fork). So the command runs under a small shell supervisor in a session and
 * process group of its own ({@code setsid}):
 * <ul>
 *   <li>a watcher in the group reads the supervisor's stdin, a pipe from the harness; when the
 *       harness dies, even by SIGKILL, the pipe closes and the watcher SIGKILLs the whole group,
 *       stopped (paused) members included;</li>
 *   <li>SIGTERM to the supervisor ({@link #kill()}) SIGKILLs the whole group too;</li>
 *   <li>the supervisor itself is started like every child ({@link ChildProcesses}: pdeathsig, the
 *       shutdown hook), and when the command exits it SIGKILLs what the command left behind.</li>
 * </ul>
 * Stdout and stderr of the command go to its log file, appended across restarts.
 */
public final class ChildCommand implements AutoCloseable {

    /**
     * $1 is the file that gets the command's pid (pause and clean stop signal the command's own
     * processes, never the supervisor or the watcher); the rest is the command.
     */
    private static final String SUPERVISOR = String.join("\n",
            "trap 'kill -KILL 0' TERM HUP INT",
            "pidfile=$1; shift",
            // bash gives background jobs /dev/null as stdin: the watcher reads the pipe as fd 3
            "exec 3<&0",
            "\"$@\" </dev/null 3<&- &",
            "app=$!",
            "echo \"$app\" > \"$pidfile\"",
            "{ while read -r _ <&3; do :; done; kill -KILL 0; } &",
            "wait \"$app\"; status=$?",
            "echo \"[firedrill] $(date -u +%H:%M:%S) command exited with status $status\"",
            "kill -KILL 0");

    private final String name;
    private final Process supervisor;
    private final Path log;
    private final Path pidFile;

    private ChildCommand(String name, Process supervisor, Path log, Path pidFile) {
        this.name = name;
        this.supervisor = supervisor;
        this.log = log;
        this.pidFile = pidFile;
    }

    /** Starts {@code command} with {@code environment} added to the harness's own, output appended to {@code log}. */
    public static ChildCommand start(String name, List<String> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Path pidFile = log.resolveSibling(log.getFileName() + ".pid");
            Files.deleteIfExists(pidFile);
            List<String> launch = new ArrayList<>(List.of("setsid", "bash", "-c", SUPERVISOR, "firedrill-" + name,
                    pidFile.toString()));
            launch.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(launch)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            return new ChildCommand(name, ChildProcesses.start(builder), log, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the log of " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The supervisor's pid: its process group, and the session of every process of the command. */
    public long pid() {
        return supervisor.pid();
    }

    /** Whether the command still runs (the supervisor ends with it). */
    public boolean isAlive() {
        return supervisor.isAlive();
    }

    /** Every process of the command: the supervisor, the watcher, the command and its children. */
    public List<ProcessHandle> processes() {
        return Stream.concat(Stream.of(supervisor.toHandle()), supervisor.descendants()).filter(ProcessHandle::isAlive).toList();
    }

    /** SIGKILL of the whole process group, waiting until the supervisor is reaped. */
    public void kill() {
        if (!supervisor.isAlive()) {
            return;
        }
        List<ProcessHandle> all = processes();
        supervisor.toHandle().destroy(); // SIGTERM: its trap SIGKILLs the group
        if (!awaitExit(Duration.ofSeconds(2))) {
            all.forEach(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
        all.forEach(process -> process.onExit().completeOnTimeout(process, 2, TimeUnit.SECONDS).join());
    }

    /** SIGTERM to the command's processes (a clean shutdown), then {@link #kill()} after {@code grace}. */
    public void stop(Duration grace) {
        if (!supervisor.isAlive()) {
            return;
        }
        resume(); // a stopped process cannot act on SIGTERM
        signalCommand("TERM");
        if (!awaitExit(grace)) {
            kill();
        }
    }

    public void pause() {
        signalCommand("STOP");
    }

    public void resume() {
        signalCommand("CONT");
    }

    public boolean awaitExit(Duration timeout) {
        return ChildProcesses.awaitExit(supervisor, timeout);
    }

    /** The last {@code lines} lines of its output. */
    public List<String> logTail(int lines) {
        return LogFiles.tail(log, lines);
    }

    @Override
    public void close() {
        kill();
    }

    /** The command and its children, not the supervisor nor the watcher: they must stay able to kill the group. */
    private List<Long> commandPids() {
        Optional<ProcessHandle> command = commandPid().flatMap(ProcessHandle::of);
        return command.map(handle -> Stream.concat(Stream.of(handle), handle.descendants()).map(ProcessHandle::pid).toList())
                .orElse(List.of());
    }

    private Optional<Long> commandPid() {
        try {
            String text = Files.isRegularFile(pidFile) ? Files.readString(pidFile, StandardCharsets.US_ASCII).strip() : "";
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void signalCommand(String signal) {
        List<Long> pids = commandPids();
        if (pids.isEmpty() || !supervisor.isAlive()) {
            return;
        }
        List<String> kill = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> kill.add(Long.toString(pid)));
        try {
            // some may have exited meanwhile: kill's status is not the point, the survivors are signalled
            new ProcessBuilder(kill).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + signal + " to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + supervisor.pid() + ")";
    }
}
