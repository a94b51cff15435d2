package io.firedrill.cluster.process;

import io.firedrill.process.HostCommand;
import io.firedrill.process.Mounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk under one broker's log directory when a drill breaks it: a size-capped tmpfs of its
 * own (see {@link Mounts}), so filling it or failing it hurts that broker only, never the machine
 * the other drills share. Brokers no storage fault can hit keep the run directory's disk
 * ({@code capMb} 0) and refuse these operations.
 */
final class BrokerDisk {

    static final String FILLER = "firedrill-disk-filler";

    private final Path dir;
    private final int capMb;
    private boolean mounted;
    private boolean failed;

    BrokerDisk(Path dir, int capMb) {
        this.dir = dir;
        this.capMb = capMb;
    }

    /** Mounts the capped filesystem before the broker's storage is formatted on it (once). */
    synchronized void prepare() {
        if (capMb > 0 && !mounted) {
            Mounts.mountCapped(dir, capMb);
            mounted = true;
        }
    }

    /**
     * Writes a filler until the filesystem refuses with "No space left on device": the broker's
     * next append fails as on a full disk. Smaller and smaller writes leave not even a block free.
     */
    synchronized void fill() {
        requireMounted("fill");
        try (FileChannel filler = FileChannel.open(dir.resolve(FILLER), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (int chunk = 1 << 20; chunk >= 4096; chunk /= 4) {
                ByteBuffer zeros = ByteBuffer.allocate(chunk);
                while (write(filler, zeros)) {
                    zeros.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill " + dir, e);
        }
    }

    private static boolean write(FileChannel filler, ByteBuffer zeros) {
        try {
            filler.write(zeros);
            return true;
        } catch (IOException full) {
            return false; // ENOSPC: what the fill is for
        }
    }

    /** Deletes the filler: the space is back. */
    synchronized void free() {
        try {
            Files.deleteIfExists(dir.resolve(FILLER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the filler in " + dir, e);
        }
    }

    /**
     * Makes the log directory immutable ({@code chattr +i}): no file can be created, renamed or
     * deleted in it, even by root, so Kafka's next checkpoint write there (the high watermarks,
     * every {@code replica.high.watermark.checkpoint.interval.ms}, 5 s) fails with an I/O error
     * and Kafka takes the directory offline, as when a disk fails under it. A chmod would not do:
     * the brokers run as root, which permissions do not stop.
     */
    synchronized void fail() {
        requireMounted("fail");
        HostCommand.run("chattr", "+i", dir.toString());
        failed = true;
    }

    /** Lifts {@link #fail()}, so the directory can be emptied and used again. */
    synchronized void repair() {
        if (failed) {
            HostCommand.run("chattr", "-i", dir.toString());
            failed = false;
        }
    }

    /** Everything back to a plain disk: repaired, filler gone, unmounted. */
    synchronized void release() {
        repair();
        if (mounted) {
            Mounts.unmount(dir);
            mounted = false;
        }
    }

    private void requireMounted(String operation) {
        if (!mounted) {
            throw new IllegalStateException("cannot " + operation + " " + dir + ": it has no capped filesystem of its own"
                    + " (the drill gives one to every broker of a cluster a storage fault hits)");
        }
    }
}
