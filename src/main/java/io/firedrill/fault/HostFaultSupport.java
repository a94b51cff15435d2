package io.firedrill.fault;

import io.firedrill.process.LibFaketime;
import io.firedrill.scenario.FaultType;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this machine lets the harness inject a fault on the host under a broker: a storage
 * fault mounts a capped filesystem and marks a directory immutable (root's CAP_SYS_ADMIN and
 * CAP_LINUX_IMMUTABLE), a clock skew preloads libfaketime. A fault the machine cannot carry is
 * refused before a drill starts, with the reason, never skipped.
 */
public final class HostFaultSupport {

    private static final int CAP_LINUX_IMMUTABLE = 9;
    private static final int CAP_SYS_ADMIN = 21;

    private HostFaultSupport() {}

    /** Why this machine cannot inject {@code type}; empty when it can (or the type needs nothing of it). */
    public static Optional<String> missing(FaultType type) {
        return switch (type) {
            case DISK_FULL, LOG_DIR_FAILURE -> hasCapabilities() ? Optional.empty()
                    : Optional.of(type.keyword() + " needs root (CAP_SYS_ADMIN to mount a size-capped tmpfs under the"
                    + " broker's log directory, CAP_LINUX_IMMUTABLE to fail it): run the drill as root, or leave this"
                    + " fault out; filling the shared disk instead would hurt every other process on the machine");
            case CLOCK_SKEW -> LibFaketime.library().isPresent() ? Optional.empty()
                    : Optional.of("clock-skew needs libfaketime: install Debian's 'faketime' package"
                    + " (apt-get install faketime)");
            default -> Optional.empty();
        };
    }

    private static boolean hasCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    BigInteger effective = new BigInteger(line.substring("CapEff:".length()).strip(), 16);
                    return effective.testBit(CAP_SYS_ADMIN) && effective.testBit(CAP_LINUX_IMMUTABLE);
                }
            }
            return false;
        } catch (IOException | NumberFormatException e) {
            return false; // not Linux, or no /proc: no mounts either
        }
    }
}
