package io.firedrill.ci

import static org.assertj.core.api.Assertions.assertThat
import static org.awaitility.Awaitility.await

import org.junit.jupiter.api.Assumptions

import java.time.Duration
import java.util.concurrent.TimeUnit

/**
 * Runs a Jenkinsfile's cleanup shell for real against decoy processes: an orphaned Firedrill child of this job, a
 * Firedrill child of another job on the same agent, and an unrelated process of this job. Only the first may die.
 */
final class OrphanDecoys {
    /** How a Firedrill child JVM's command line looks to pgrep: the io.firedrill.process marker is what matters. */
    private static final String FIREDRILL_CHILD = 'java -Xmx256m -cp firedrill.jar io.firedrill.process.ChildMain kafka.Kafka'
    private static final String UNRELATED = 'java -cp app.jar org.example.Main'

    static void assertCleanupKillsOnlyThisJobsDrillProcesses(List<String> cleanupScripts) {
        Assumptions.assumeTrue(new File('/proc/self/environ').exists(), 'the cleanup reads /proc: Linux agents only')
        String job = "firedrill-cleanup-check-${UUID.randomUUID()}"
        List<Process> decoys = []
        try {
            Process orphan = decoy(FIREDRILL_CHILD, job, decoys)
            Process otherJobsChild = decoy(FIREDRILL_CHILD, "${job}-other", decoys)
            Process unrelated = decoy(UNRELATED, job, decoys)
            cleanupScripts.each { runAsJenkins(it, job, decoys) }
            assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).as('this job\'s orphaned Firedrill child was killed').isTrue()
            // a SIGKILL lands asynchronously: a wrongly killed decoy may still look alive for a moment
            assertThat(otherJobsChild.waitFor(300, TimeUnit.MILLISECONDS)).as('another job\'s Firedrill child survives').isFalse()
            assertThat(unrelated.alive).as('this job\'s other processes survive').isTrue()
        } finally {
            decoys.each { it.destroyForcibly().waitFor(10, TimeUnit.SECONDS) }
        }
    }

    private static Process decoy(String commandLine, String jobName, List<Process> started) {
        ProcessBuilder builder = new ProcessBuilder('bash', '-c', "exec -a '${commandLine}' sleep 600")
        builder.environment().put('JOB_NAME', jobName)
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        Process process = builder.start()
        started << process
        // until bash has exec'd, its own command line (which also names the marker) is what pgrep would see
        await().atMost(Duration.ofSeconds(10)).until { commandLineOf(process).startsWith(commandLine) }
        return process
    }

    private static String commandLineOf(Process process) {
        return new File("/proc/${process.pid()}/cmdline").text.replace('\u0000' as char, ' ' as char)
    }

    /**
     * Jenkins' sh step runs its script with sh -xe and the build's environment, JOB_NAME included.
     * Its pgrep sees the decoys only: a broken cleanup (the mutation tests make some) must never
     * reach real Firedrill processes that happen to run on this machine, such as another build's drills.
     */
    private static void runAsJenkins(String script, String jobName, List<Process> decoys) {
        File bin = File.createTempDir('cleanup-sandbox', '')
        File pgrep = new File(bin, 'pgrep')
        String decoyPids = decoys.collect { it.pid() }.join('|')
        pgrep.text = "#!/bin/sh\n/usr/bin/pgrep \"\$@\" | grep -xE '(${decoyPids})'\n"
        pgrep.setExecutable(true)
        ProcessBuilder builder = new ProcessBuilder('sh', '-xe', '-c', script).redirectErrorStream(true)
        builder.environment().put('JOB_NAME', jobName)
        builder.environment().put('PATH', "${bin.absolutePath}:${System.getenv('PATH')}".toString())
        Process shell = builder.start()
        String output = shell.inputStream.text
        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).as('cleanup finished').isTrue()
        assertThat(shell.exitValue()).as('cleanup exit code (it must never fail the build); output:\n%s', output)
                .isZero()
        bin.deleteDir()
    }
}
