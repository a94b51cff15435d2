package io.firedrill.ci

import java.nio.file.Files
import java.nio.file.Path

/**
 * A copy of the nightly Jenkinsfile under test (the real one, or a mutant) on a workspace holding a small scenario
 * library: two smoke drills and two nightly-only drills, one of them untagged (nightly by default).
 */
final class NightlyJob {
    static final List<String> SMOKE_DRILLS = ['scenarios/broker-kill.yaml', 'scenarios/primary-outage.yaml']
    static final List<String> NIGHTLY_DRILLS = ['scenarios/primary-restore.yaml', 'scenarios/replication-link-latency.yaml']

    final String source
    private final JenkinsDouble jenkins
    private PipelineSpec declared

    NightlyJob(Path jenkinsfileDir, Path workspace) {
        this.source = jenkinsfileDir.resolve('Jenkinsfile').text
        this.jenkins = new JenkinsDouble(jenkinsfileDir, workspace)
        writeScenarioLibrary(workspace)
    }

    PipelineSpec getDeclared() {
        if (declared == null) {
            declared = jenkins.declared()
        }
        return declared
    }

    BuildRecord build(Map<String, Object> params = [:], Closure<Integer> exitCodes = { 0 }) {
        return jenkins.build(params, exitCodes)
    }

    /** Exit codes for a night where the shell commands containing {@code fragment} exit with {@code exitCode}. */
    static Closure<Integer> exiting(String fragment, int exitCode) {
        return { String command -> command.contains(fragment) ? exitCode : 0 }
    }

    /** The drill CLI invocations of a build, each as the list of scenario files it ran. */
    static List<List<String>> drillRuns(BuildRecord build) {
        return drillCommands(build).collect { String command ->
            command.substring('harness/bin/drill run '.length()).tokenize(' ').takeWhile { !it.startsWith('--') }
        }
    }

    static List<String> drillCommands(BuildRecord build) {
        return build.shellCommands.findAll { it.startsWith('harness/bin/drill run ') }
    }

    private static void writeScenarioLibrary(Path workspace) {
        Path scenarios = Files.createDirectories(workspace.resolve('scenarios'))
        scenarios.resolve('primary-outage.yaml').text = scenario('primary-outage', 'tags: [smoke]')
        scenarios.resolve('broker-kill.yaml').text = scenario('broker-kill', 'tags: [smoke, nightly]')
        scenarios.resolve('replication-link-latency.yaml').text = scenario('replication-link-latency', 'tags: [nightly]')
        scenarios.resolve('primary-restore.yaml').text = scenario('primary-restore', '')
        scenarios.resolve('README.md').text = 'not a scenario: the default SCENARIO_FILTER must not pick it\n'
    }

    /** Only what the Jenkinsfile reads; the drill CLI is mocked, so the rest of a scenario would be noise. */
    private static String scenario(String name, String tags) {
        return "name: ${name}\ndescription: fixture for the Jenkinsfile tests\n${tags}\n"
    }
}
