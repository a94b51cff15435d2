package io.firedrill.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where this harness JVM keeps broker data, MirrorMaker state and process logs:
 * {@code <root>/run-<pid>/}. The root is {@code firedrill.work.dir} (default
 * {@code <java.io.tmpdir>/firedrill}). Directories of runs whose JVM is gone (a SIGKILLed
 * harness cannot clean up) are deleted when the next run starts.
 *
 * <p>The run directory is private (0700) and files holding client settings are 0600
 * ({@link #writePrivate}): with the external backend those settings carry SASL and TLS
 * passwords, and the root is a shared temporary folder.
 */
public final class RunDirectory {

    private static final Path ROOT = Path.of(System.getProperty("firedrill.work.dir",
            Path.of(System.getProperty("java.io.tmpdir"), "firedrill").toString()));
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static volatile Path current;

    private RunDirectory() {}

    public static Path current() {
        Path dir = current;
        if (dir == null) {
            synchronized (RunDirectory.class) {
                if (current == null) {
                    deleteDeadRuns();
                    current = createPrivate(ROOT.resolve("run-" + ProcessHandle.current().pid()));
                }
                dir = current;
            }
        }
        return dir;
    }

    /** A fresh directory under this run, e.g. {@code primary/broker-0}. */
    public static Path resolve(String relative) {
        return create(current().resolve(relative));
    }

    /** Writes {@code text} to {@code file} readable and writable by this user only, whatever the umask. */
    public static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.writeString(file, "", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
        // the secrets go in only once nobody else can read the file
        Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static Path create(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " (set -Dfiredrill.work.dir to a writable place)", e);
        }
    }

    /** The run's own directory, 0700: the root above it is shared (the system's temporary folder). */
    private static Path createPrivate(Path dir) {
        Path created = create(dir);
        try {
            if (Files.getFileStore(created).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(created, OWNER_ONLY_DIRECTORY);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private (set -Dfiredrill.work.dir to a place of yours)", e);
        }
    }

    private static void deleteDeadRuns() {
        if (!Files.isDirectory(ROOT)) {
            return;
        }
        try (Stream<Path> runs = Files.list(ROOT)) {
            runs.filter(run -> run.getFileName().toString().startsWith("run-"))
                    .filter(run -> ownerGone(run.getFileName().toString().substring(4)))
                    .forEach(RunDirectory::deleteQuietly);
        } catch (IOException ignored) {
            // another harness may be cleaning the same root; what is left is deleted next time
        }
    }

    private static boolean ownerGone(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(handle -> !handle.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (UncheckedIOException ignored) {
            // best effort: a stale directory only costs disk
        }
    }
}
