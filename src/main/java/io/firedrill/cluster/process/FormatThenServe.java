package io.firedrill.cluster.process;

import org.apache.kafka.common.utils.Exit;

import java.lang.reflect.InvocationTargetException;

/**
 * Main class of a broker of another Kafka version whose storage is not formatted yet: runs that
 * version's own {@code kafka.tools.StorageTool format} in the broker's JVM, then {@code kafka.Kafka}.
 * A formatter JVM of its own cost every node of every version but the harness's one more JVM
 * start at each boot and rebuild (0.6-1.9 s on two loaded cores: all of their gap to 4.3.1), and
 * the tool's classes are mostly the broker's. Runs on the version's classpath, so it touches
 * Kafka only through what every line from 3.6 has: both main classes, and {@link Exit}, through
 * which the tool ends (it would otherwise exit the JVM).
 * Usage: {@code FormatThenServe <cluster id> <server.properties>}.
 */
public final class FormatThenServe {

    static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final String BROKER = "kafka.Kafka";

    private FormatThenServe() {}

    public static void main(String[] args) throws Throwable {
        if (args.length != 2) {
            System.err.println("usage: FormatThenServe <cluster id> <server.properties>");
            System.exit(2);
        }
        // --ignore-formatted: a broker killed after formatting, before it served, starts again the same way
        int status = storageTool("format", "-t", args[0], "-c", args[1], "--ignore-formatted");
        if (status != 0) {
            System.err.println(STORAGE_TOOL + " format exited with status " + status);
            System.exit(status);
        }
        run(BROKER, args[1]);
    }

    private static int storageTool(String... args) throws Throwable {
        Exit.setExitProcedure((status, message) -> {
            throw new ToolExit(status);
        });
        try {
            run(STORAGE_TOOL, args);
            return 0;
        } catch (ToolExit exit) {
            return exit.status;
        } finally {
            Exit.resetExitProcedure();
        }
    }

    private static void run(String mainClass, String... args) throws Throwable {
        try {
            Class.forName(mainClass).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** How the tool's exit reaches this class instead of ending the JVM. */
    private static final class ToolExit extends RuntimeException {
        private final int status;

        ToolExit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }
}
