package io.firedrill.process;

import io.firedrill.support.InfrastructureException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short system command (mount, chattr) to completion; a failure says what it printed. */
public final class HostCommand {

    private HostCommand() {}

    public static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new InfrastructureException(String.join(" ", command) + " failed: " + output, List.of());
            }
        } catch (IOException e) {
            throw new InfrastructureException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
