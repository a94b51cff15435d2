package io.firedrill.ci

import static org.assertj.core.api.Assertions.assertThat
import static org.junit.jupiter.api.Assertions.assertThrows
import static org.junit.jupiter.api.DynamicTest.dynamicTest

import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.function.Executable
import org.junit.jupiter.api.io.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.stream.Stream

/**
 * Mutation testing of the Jenkinsfile's tests: each mutant is the real Jenkinsfile with one thing the nightly job
 * needs taken away or broken, and the named check of {@link NightlyJobContract} must reject it. A check that lets its
 * mutant through could not catch that edit, so `mvn verify` fails here.
 */
class JenkinsfileMutationTest {

    private static final String JENKINSFILE = JenkinsfileTest.PROJECT_ROOT.resolve('Jenkinsfile').text

    /** Mutant name, the check that must reject it, the edit. */
    private static final List<List<Object>> MUTANTS = [
            ['cron trigger removed', 'runs every night on a cron trigger', withoutLines("cron('")],
            ['cron firing every hour', 'runs every night on a cron trigger', replaced("cron('H 2 * * *')", "cron('H * * * *')")],
            ['timeout removed', 'bounds every build: timeout, build discarder, one at a time', withoutLines('timeout(time:')],
            ['build discarder removed', 'bounds every build: timeout, build discarder, one at a time', withoutLines('buildDiscarder(')],
            ['concurrent builds allowed', 'bounds every build: timeout, build discarder, one at a time', withoutLines('disableConcurrentBuilds()')],
            ['BACKEND default changed', 'takes BACKEND, SCENARIO_FILTER, KAFKA_VERSIONS, BENCH and SHARDS',
             replaced("['process', 'testcontainers', 'external']", "['testcontainers', 'process', 'external']")],
            ['Nightly drills stage removed', 'has its stages in order', withoutBlock("stage('Nightly drills')")],
            ['Benchmarks stage removed', 'has its stages in order', withoutBlock("stage('Benchmarks')")],
            ['scripted code outside script {}', 'keeps scripted code inside script {}',
             replaced("sh 'mvn -B -DskipITs clean verify'", "def started = currentBuild.startTimeInMillis\n                sh 'mvn -B -DskipITs clean verify'")],
            ['Allure publishing removed', 'a night where every drill passes is SUCCESS', withoutLines('allure includeProperties')],
            ['smoke drills run twice', 'a night where every drill passes is SUCCESS', replaced('files.findAll { isSmoke(it) }', 'files')],
            ['a drill FAIL fails the build', 'a drill that FAILs makes the night UNSTABLE and it goes on', replaced('unstable(', 'error(')],
            ['drill exit code not read', 'a drill that FAILs makes the night UNSTABLE and it goes on', replaced(~/,\s*returnStatus: true/, '')],
            ['a drill ERROR only unstable', 'a drill ERROR fails the night', replaced('exitCode == 1)', 'exitCode == 1 || exitCode == 3)')],
            ['archiveArtifacts removed', 'a drill ERROR fails the night', withoutLines('archiveArtifacts')],
            ['reports published on success only', 'a drill ERROR fails the night', replaced('always {', 'success {')],
            ['bad input only unstable', 'a bad scenario file fails the night', replaced('exitCode == 1)', 'exitCode in [1, 2])')],
            ['JUnit publishing removed', 'a broken build fails the night before any drill', withoutLines('junit testResults')],
            ['BACKEND not passed to the drills', 'BACKEND picks the drills\' backend and an agent that has it',
             replaced('--backend ${params.BACKEND}', '--backend process')],
            ['agent ignores BACKEND', 'BACKEND picks the drills\' backend and an agent that has it',
             replaced(~/label ".*"/, "label 'firedrill'")],
            ['SCENARIO_FILTER ignored', 'SCENARIO_FILTER picks the drills', replaced('scenarios/${params.SCENARIO_FILTER}', 'scenarios/*.yaml')],
            ['KAFKA_VERSIONS parameter removed', 'takes BACKEND, SCENARIO_FILTER, KAFKA_VERSIONS, BENCH and SHARDS', replaced(~/string\(name: 'KAFKA_VERSIONS'.*\n.*\n/, '')],
            ['KAFKA_VERSIONS not passed to the drills', 'KAFKA_VERSIONS runs every drill once per version',
             replaced('${params.BACKEND}${kafkaMatrix()}', '${params.BACKEND}')],
            ['KAFKA_VERSIONS passed unchecked into the shell', 'KAFKA_VERSIONS runs every drill once per version',
             replaced(~/if \(!\(versions ==~ .*\) \{/, 'if (false) {')],
            ['benchmarks always run', 'BENCH=false skips the benchmarks', withoutBlock('when {')],
            ['a shard\'s reports not merged', 'the nightly drills fan out over SHARDS agents and every shard\'s reports are merged',
             replaced('merge-reports reports ${shardReports.join(\' \')}', 'merge-reports reports ${shardReports[0]}')],
            ['no merge at all', 'the nightly drills fan out over SHARDS agents and every shard\'s reports are merged',
             withoutLines('drill merge-reports')],
            ['shard reports not stashed', 'the nightly drills fan out over SHARDS agents and every shard\'s reports are merged',
             withoutLines('stash name:')],
            ['every agent runs the whole library', 'the nightly drills fan out over SHARDS agents and every shard\'s reports are merged',
             replaced(' --shard ${shard}"', '"')],
            ['only the first shard runs', 'the nightly drills fan out over SHARDS agents and every shard\'s reports are merged',
             replaced('parallel branches', 'parallel branches.take(1)')],
            ['SHARDS ignored', 'the nightly drills fan out over SHARDS agents and every shard\'s reports are merged',
             replaced('return params.SHARDS as int', 'return 2')],
            ['the first shard decides', 'a drill ERROR fails the night', replaced('judge(stageName, worst(exitCodes.values()))', 'judge(stageName, exitCodes.values().first())')],
            ['orphan cleanup removed', 'cleanup kills this job\'s orphaned drill processes, only them', withoutBlock('cleanup {')],
            ['orphan cleanup kills other jobs\' drills', 'cleanup kills this job\'s orphaned drill processes, only them',
             replaced(~/if grep .*; then/, 'if true; then')],
    ]

    @TempDir
    Path temp

    @TestFactory
    Stream<DynamicTest> eachCheckRejectsTheJenkinsfileThatLostWhatItGuards() {
        return MUTANTS.withIndex().collect { List<Object> mutant, int index ->
            String name = mutant[0]
            String check = mutant[1]
            Closure<String> edit = (Closure<String>) mutant[2]
            dynamicTest("${name}: rejected by '${check}'".toString(), {
                assertThat(NightlyJobContract.CHECKS).as('checks').containsKey(check)
                String mutated = edit.call(JENKINSFILE)
                assertThat(mutated).as('the edit changes the Jenkinsfile').isNotEqualTo(JENKINSFILE)
                Path dir = Files.createDirectories(temp.resolve("mutant-${index}"))
                dir.resolve('Jenkinsfile').text = mutated
                NightlyJob job = new NightlyJob(dir, Files.createDirectories(dir.resolve('workspace')))
                assertThrows(AssertionError, { NightlyJobContract.CHECKS[check].call(job) } as Executable,
                        "'${check}' let the mutant '${name}' through".toString())
            } as Executable)
        }.stream()
    }

    private static Closure<String> withoutLines(String fragment) {
        return { String jenkinsfile -> jenkinsfile.readLines().findAll { !it.contains(fragment) }.join('\n') + '\n' }
    }

    private static Closure<String> replaced(String literal, String replacement) {
        return { String jenkinsfile -> jenkinsfile.replace(literal, replacement) }
    }

    private static Closure<String> replaced(java.util.regex.Pattern pattern, String replacement) {
        return { String jenkinsfile -> pattern.matcher(jenkinsfile).replaceAll(replacement) }
    }

    /** Removes the block opened on the first line containing {@code opening}, up to its closing brace. */
    private static Closure<String> withoutBlock(String opening) {
        return { String jenkinsfile ->
            List<String> lines = jenkinsfile.readLines()
            int start = lines.findIndexOf { it.contains(opening) }
            if (start < 0) {
                return jenkinsfile
            }
            int depth = 0
            int end = start
            for (; end < lines.size(); end++) {
                depth += lines[end].count('{') - lines[end].count('}')
                if (depth <= 0) {
                    break
                }
            }
            return (lines.take(start) + lines.drop(end + 1)).join('\n') + '\n'
        }
    }
}
