package io.firedrill.process;

import java.nio.file.Path;

/**
 * A stand-in harness for the stale-mount check of {@code StorageFaultsIT}: {@code mount} mounts a
 * capped filesystem under its run directory, prints where and waits to be SIGKILLed;
 * {@code next} is the next run, which starts by cleaning what dead runs left.
 */
public final class MountProbe {

    private MountProbe() {}

    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("mount")) {
            Path dir = RunDirectory.resolve("probe-disk");
            Mounts.mountCapped(dir, 8);
            System.out.println("MOUNTED=" + dir.toAbsolutePath().normalize());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        System.out.println("NEXT RUN=" + RunDirectory.current());
    }
}
