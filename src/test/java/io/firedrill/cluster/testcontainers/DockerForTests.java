package io.firedrill.cluster.testcontainers;

import com.github.dockerjava.api.exception.NotFoundException;

/**
 * Whether the container tests can run. Where no engine answers they are skipped with the reason,
 * except where {@code FIREDRILL_REQUIRE_DOCKER=1} (set by .ci/run once it has started an engine
 * and built the image): there a missing engine fails them, so CI cannot pass by skipping.
 */
public final class DockerForTests {

    static final String REQUIRE = "FIREDRILL_REQUIRE_DOCKER";

    private DockerForTests() {}

    /** For {@code @EnabledIf}: true with an engine; false, or a failure when it is required, without. */
    public static boolean engine() {
        if (ContainerClusterBackend.dockerAvailable()) {
            return true;
        }
        if ("1".equals(System.getenv(REQUIRE))) {
            throw new AssertionError(REQUIRE + "=1 but no Docker engine answers at " + DockerApi.configuredHost()
                    + " for Testcontainers; see its log above");
        }
        return false;
    }

    /** True when the engine has every image already: images only a registry has cannot be tested here. */
    public static boolean engineHas(String... images) {
        if (!engine()) {
            return false;
        }
        try {
            for (String image : images) {
                DockerEngine.require().client().inspectImageCmd(image).exec();
            }
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
