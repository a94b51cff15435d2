package io.firedrill.kafka;

import io.firedrill.support.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolution through the real {@code mvn}, offline against an empty local repository: what a user without network sees. */
class MavenResolutionTest {

    @Test
    void aVersionMavenCannotGetIsBadInputNamingTheArtifactAndWhereItLooked(@TempDir Path dir) {
        Path emptyRepository = dir.resolve("empty-repository");
        MavenResolution maven = new MavenResolution(dir.resolve("cache"), "mvn",
                List.of("-o", "-Dmaven.repo.local=" + emptyRepository));

        assertThatThrownBy(() -> maven.resolve(KafkaVersion.parse("3.8.1")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("cannot resolve Kafka 3.8.1 (org.apache.kafka:kafka_2.13, org.apache.kafka:connect-mirror): ")
                .hasMessageContaining("offline")
                .hasMessageContaining("Maven's local repository: " + emptyRepository)
                .hasMessageContaining(dir.resolve("cache/3.8.1/maven.log").toString());
        assertThat(maven.cached(KafkaVersion.parse("3.8.1"))).isEmpty();
        assertThat(dir.resolve("cache/3.8.1/classpath.txt")).doesNotExist();
    }

    @Test
    void aCachedClasspathIsUsedOnlyWhileItsPomIsTheSameAndEveryJarIsThere(@TempDir Path dir) throws Exception {
        KafkaVersion version = KafkaVersion.parse("3.9.1");
        MavenResolution maven = new MavenResolution(dir, "mvn", List.of("-o"));
        Path jar = Files.createFile(dir.resolve("kafka_2.13-3.9.1.jar"));
        Files.createDirectories(dir.resolve("3.9.1"));
        Files.writeString(dir.resolve("3.9.1/classpath.txt"), jar.toString());
        Files.writeString(dir.resolve("3.9.1/pom.xml"), MavenResolution.pom(version));

        assertThat(maven.cached(version)).contains(List.of(jar));

        Files.writeString(dir.resolve("3.9.1/pom.xml"), MavenResolution.pom(version).replace("1.2.13", "1.2.12"));
        assertThat(maven.cached(version)).as("another pom").isEmpty();

        Files.writeString(dir.resolve("3.9.1/pom.xml"), MavenResolution.pom(version));
        Files.delete(jar);
        assertThat(maven.cached(version)).as("a jar gone from the local repository").isEmpty();
    }
}
