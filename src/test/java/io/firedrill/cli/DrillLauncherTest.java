package io.firedrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** harness/bin/drill's JVM command line, run with a stand-in {@code java} that records its arguments. */
class DrillLauncherTest {

    @TempDir
    Path home;

    @Test
    void firedrillJavaOptsAddToTheDefaultHeapInsteadOfReplacingIt() throws Exception {
        List<String> args = launch("-Dapi.version=1.41 -Dfiredrill.log.level=INFO");

        assertThat(args).contains("-Xmx1g", "-Dapi.version=1.41", "-Dfiredrill.log.level=INFO");
        assertThat(args.indexOf("-Dapi.version=1.41")).isLessThan(args.indexOf("io.firedrill.cli.DrillCommand"));
    }

    @Test
    void aHeapOfTheUsersOwnComesLaterAndSoWins() throws Exception {
        List<String> args = launch("-Xmx3g");

        assertThat(args.indexOf("-Xmx3g")).isGreaterThan(args.indexOf("-Xmx1g"));
    }

    @Test
    void withoutFiredrillJavaOptsTheDefaultsStand() throws Exception {
        assertThat(launch(null)).contains("-Xmx1g").doesNotContain("");
    }

    /** A built harness layout (jar newer than the pom, so nothing is rebuilt) around a copy of the launcher. */
    private List<String> launch(String javaOpts) throws Exception {
        Path bin = Files.createDirectories(home.resolve("harness/bin"));
        Files.copy(Path.of(System.getProperty("firedrill.home", "."), "harness/bin/drill"), bin.resolve("drill"));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(home.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(60)));
        Path target = Files.createDirectories(home.resolve("target"));
        Files.writeString(target.resolve("runtime.classpath"), "/nowhere.jar");
        Files.writeString(target.resolve("firedrill.jar"), "");
        Path fakes = Files.createDirectories(home.resolve("fake-bin"));
        Path recorded = home.resolve("java.args");
        Path java = Files.writeString(fakes.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '" + recorded + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder builder = new ProcessBuilder(bin.resolve("drill").toString(), "list").redirectErrorStream(true);
        builder.environment().put("PATH", fakes + ":" + System.getenv("PATH"));
        builder.environment().remove("FIREDRILL_JAVA_OPTS");
        if (javaOpts != null) {
            builder.environment().put("FIREDRILL_JAVA_OPTS", javaOpts);
        }
        Process launcher = builder.start();
        String output = new String(launcher.getInputStream().readAllBytes());
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as(output).isZero();
        return Files.readAllLines(recorded);
    }
}
