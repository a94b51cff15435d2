package io.firedrill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports are for CI artifact servers and colleagues: every file gets the permissions the umask
 * gives any new file (0644 under the usual 022), never the 0600 of a temporary file.
 */
class ReportFilePermissionsTest {

    @Test
    void everyReportFileHasTheUmasksPermissions(@TempDir Path reports) throws IOException {
        Set<PosixFilePermission> umasks = Files.getPosixFilePermissions(Files.writeString(reports.resolve("plain"), "x"));
        Files.delete(reports.resolve("plain"));

        new DrillReports(reports).publish(SampleDrills.primaryOutagePass());

        List<Path> written;
        try (Stream<Path> files = Files.walk(reports)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).hasSizeGreaterThan(5);
        for (Path file : written) {
            assertThat(Files.getPosixFilePermissions(file)).as(reports.relativize(file).toString()).isEqualTo(umasks);
        }
        assertThat(umasks).as("this machine's umask lets others read new files").contains(PosixFilePermission.OTHERS_READ);
    }
}
