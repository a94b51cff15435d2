package io.firedrill.cluster.testcontainers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which labelled containers a run may remove: only those of dead harnesses of its own host. */
class DockerLeftoversTest {

    private static final String THIS_HOST = DockerLeftovers.THIS_HARNESS.substring(0, DockerLeftovers.THIS_HARNESS.lastIndexOf('/') + 1);

    @Test
    void aHarnessOfThisHostWhosePidIsGoneIsDead() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();

        assertThat(DockerLeftovers.deadHarnessOfThisHost(THIS_HOST + gone.pid())).isTrue();
    }

    @Test
    void aLiveHarnessAnotherHostsOrAMalformedLabelIsLeftAlone() {
        assertThat(DockerLeftovers.deadHarnessOfThisHost(DockerLeftovers.THIS_HARNESS)).isFalse();
        assertThat(DockerLeftovers.deadHarnessOfThisHost("some-other-host.example/1")).isFalse();
        assertThat(DockerLeftovers.deadHarnessOfThisHost(THIS_HOST + "not-a-pid")).isFalse();
        assertThat(DockerLeftovers.deadHarnessOfThisHost("")).isFalse();
    }
}
