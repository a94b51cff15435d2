package io.firedrill.process;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of every child JVM: runs the real main class and halts the JVM as soon as the
 * parent's end of stdin closes. The kernel closes that pipe however the parent dies (exception,
 * Ctrl-C, SIGKILL), so a broker or MirrorMaker never outlives the harness that started it.
 * Usage: {@code java ... io.firedrill.process.ParentWatchdog <main class> <args...>}.
 */
public final class ParentWatchdog {

    /** Exit status of a child that lost its parent, distinct from Kafka's own exit codes. */
    public static final int ORPHANED_EXIT_CODE = 86;

    private ParentWatchdog() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatchdog <main class> [args...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(ParentWatchdog::haltWhenParentGone, "firedrill-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void haltWhenParentGone() {
        try {
            byte[] buffer = new byte[64];
            while (System.in.read(buffer) != -1) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the same as end of stream: the parent is gone
        }
        Runtime.getRuntime().halt(ORPHANED_EXIT_CODE);
    }
}
