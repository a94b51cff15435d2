package io.firedrill.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory sits in a shared temporary folder and holds client settings: nobody else reads it. */
class PrivateRunFilesTest {

    @Test
    void theRunDirectoryIsTheOwnersOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(RunDirectory.current()))).isEqualTo("rwx------");
    }

    @Test
    void filesHoldingClientSettingsAre0600WhateverTheUmask(@TempDir Path dir) throws IOException {
        Path properties = dir.resolve("mm2.properties");
        Files.writeString(properties, "old");
        Files.setPosixFilePermissions(properties, PosixFilePermissions.fromString("rw-r--r--"));

        RunDirectory.writePrivate(properties, "primary.ssl.truststore.password=hunter2\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties))).isEqualTo("rw-------");
        assertThat(properties).hasContent("primary.ssl.truststore.password=hunter2");
    }
}
