package io.firedrill.ci

import static org.junit.jupiter.api.DynamicTest.dynamicTest

import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.function.Executable
import org.junit.jupiter.api.io.TempDir

import java.nio.file.Path
import java.nio.file.Paths
import java.util.stream.Stream

/** The real Jenkinsfile at the repository root, held to every check of {@link NightlyJobContract}. */
class JenkinsfileTest {

    static final Path PROJECT_ROOT = Paths.get(System.getProperty('basedir', '.')).toAbsolutePath()

    @TempDir
    Path workspace

    @TestFactory
    Stream<DynamicTest> theNightlyJenkinsfileKeepsItsContract() {
        NightlyJob job = new NightlyJob(PROJECT_ROOT, workspace)
        return NightlyJobContract.CHECKS.collect { String name, Closure<?> check ->
            dynamicTest(name, { check.call(job) } as Executable)
        }.stream()
    }
}
