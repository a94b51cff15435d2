package io.firedrill.process;

import io.firedrill.support.InfrastructureException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Size-capped filesystems the harness mounts under its run directory (a broker's log directory
 * that a drill fills up or fails), and the guarantee that none outlives the harness: each is
 * unmounted when its owner is done, by a shutdown hook on a normal exit or Ctrl-C, and, after a
 * SIGKILLed harness, by the next run before it deletes the dead run's directory.
 * <p>
 * Every mount is a {@code tmpfs} whose source is named {@code firedrill-run-<pid>}, so
 * {@code /proc/mounts} says which harness owns it. A tmpfs needs no loop device (nothing else to
 * leak) and its contents vanish with it. Unmounts are lazy ({@code umount -l}): a broker that
 * still holds files open cannot keep a mount alive past its own death.
 */
public final class Mounts {

    private static final String SOURCE_PREFIX = "firedrill-run-";
    private static final Path PROC_MOUNTS = Path.of("/proc/mounts");
    private static final Set<Path> MOUNTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Mounts::unmountAll, "firedrill-unmount"));
    }

    private Mounts() {}

    /** Mounts a tmpfs of {@code megabytes} on {@code dir} (created if needed), owned by this harness. */
    public static void mountCapped(Path dir, int megabytes) {
        Path target = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create mount point " + target, e);
        }
        HostCommand.run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755",
                SOURCE_PREFIX + ProcessHandle.current().pid(), target.toString());
        MOUNTED.add(target);
    }

    /** Unmounts a filesystem {@link #mountCapped} mounted; nothing happens for other paths. */
    public static void unmount(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (MOUNTED.remove(target)) {
            HostCommand.run("umount", "-l", target.toString());
        }
    }

    /** What this harness has mounted now, for diagnostics and tests. */
    public static List<Path> mounted() {
        return List.copyOf(MOUNTED);
    }

    /**
     * Unmounts every Firedrill mount whose harness is gone (a SIGKILLed run cannot unmount its
     * own), so the stale run directories under them can be deleted.
     */
    static void unmountDeadRuns() {
        for (MountEntry entry : firedrillMounts()) {
            if (entry.ownerGone()) {
                try {
                    HostCommand.run("umount", "-l", entry.mountPoint());
                } catch (InfrastructureException ignored) {
                    // another harness starting at the same moment may have unmounted it first
                }
            }
        }
    }

    /** The mounts in {@code /proc/mounts} that some Firedrill harness made. */
    public static List<MountEntry> firedrillMounts() {
        if (!Files.isReadable(PROC_MOUNTS)) {
            return List.of();
        }
        try {
            List<MountEntry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(PROC_MOUNTS, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length > 2 && fields[0].startsWith(SOURCE_PREFIX)) {
                    // /proc/mounts escapes spaces and other odd characters as octal
                    entries.add(new MountEntry(fields[0].substring(SOURCE_PREFIX.length()), fields[1].replace("\\040", " ")));
                }
            }
            return entries;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void unmountAll() {
        for (Path target : List.copyOf(MOUNTED)) {
            try {
                unmount(target);
            } catch (RuntimeException ignored) {
                // the JVM is exiting: the next run unmounts what is left
            }
        }
    }

    /** One Firedrill mount: the pid of the harness that made it and where it is. */
    public record MountEntry(String ownerPid, String mountPoint) {
        boolean ownerGone() {
            try {
                return ProcessHandle.of(Long.parseLong(ownerPid)).map(handle -> !handle.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
