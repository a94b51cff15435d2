package io.firedrill.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child process with its wall clock offset: Debian's {@code faketime} package preloads
 * libfaketime, which answers the process's clock calls shifted by {@code FAKETIME}. Only that
 * process sees the skew; the machine and every other broker keep the real time.
 */
public final class LibFaketime {

    /** Where Debian's multiarch layout puts the library, for the architectures the CI runs. */
    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"));

    private LibFaketime() {}

    /** The library, when the {@code faketime} package is installed. */
    public static Optional<Path> library() {
        return CANDIDATES.stream().filter(Files::isReadable).findFirst();
    }

    /**
     * The environment that runs a child {@code offset} ahead. The monotonic clock stays real:
     * the JVM times its waits and GC with it, and a shifted monotonic clock is not what a
     * skewed machine has (NTP steps the wall clock only). Without
     * {@code FAKETIME_FORCE_MONOTONIC_FIX=0} libfaketime 0.9.10 rewrites the JVM's timed waits
     * (pthread condition variables on the monotonic clock): a 1 ms wait took 25-50 ms here and a
     * broker did not start within 90 s; with it, waits are as without the library.
     */
    public static Map<String, String> environment(Duration offset) {
        Path library = library().orElseThrow(() -> new IllegalStateException(
                "libfaketime is not installed (Debian package 'faketime')"));
        return Map.of("LD_PRELOAD", library.toString(),
                "FAKETIME", "+" + offset.toMillis() / 1000.0 + "s",
                "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }
}
