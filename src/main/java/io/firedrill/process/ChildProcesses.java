package io.firedrill.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of "no orphans": every child process is started from one long-lived
 * launcher thread and registered here.
 * <ul>
 *   <li>A shutdown hook SIGKILLs what is still alive when the JVM exits normally or on Ctrl-C.</li>
 *   <li>When {@code setpriv} is present, children get PR_SET_PDEATHSIG=SIGKILL. Linux delivers it
 *       when the <em>thread</em> that forked the child ends, which is why all forks happen on the
 *       launcher thread that lives as long as the JVM. This also covers a SIGSTOPped child, which
 *       cannot run its own stdin watchdog.</li>
 *   <li>{@link ParentWatchdog} in the child halts it when stdin closes (portable fallback).</li>
 * </ul>
 */
public final class ChildProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "firedrill-process-launcher");
        thread.setDaemon(true);
        return thread;
    });
    private static final boolean SETPRIV = Files.isExecutable(Path.of("/usr/bin/setpriv"));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "firedrill-child-reaper"));
    }

    private ChildProcesses() {}

    /** Starts the command with the parent-death signal set where the OS supports it. */
    public static Process start(ProcessBuilder builder) {
        List<String> command = new ArrayList<>(builder.command());
        if (SETPRIV) {
            command.addAll(0, List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
        }
        ProcessBuilder launch = builder.command(command);
        try {
            Process process = LAUNCHER.submit(launch::start).get();
            LIVE.add(process);
            process.onExit().thenAccept(LIVE::remove);
            return process;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("cannot start " + String.join(" ", command), io);
            }
            throw new IllegalStateException("cannot start " + String.join(" ", command), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + command.get(0), e);
        }
    }

    /** Waits for the process to end, at most {@code timeout}; an interrupt ends the wait (the flag kept). */
    public static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Children still running, for diagnostics and tests. */
    public static List<ProcessHandle> live() {
        return LIVE.stream().filter(Process::isAlive).map(Process::toHandle).toList();
    }

    static void killAll() {
        for (Process process : LIVE) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
