package io.firedrill.ci

import static io.firedrill.ci.NightlyJob.NIGHTLY_DRILLS
import static io.firedrill.ci.NightlyJob.SMOKE_DRILLS
import static io.firedrill.ci.NightlyJob.drillCommands
import static io.firedrill.ci.NightlyJob.drillRuns
import static io.firedrill.ci.NightlyJob.exiting
import static org.assertj.core.api.Assertions.assertThat

/**
 * What Firedrill's nightly Jenkinsfile must do, as named checks that take any copy of it: JenkinsfileTest holds the
 * real file to each of them, JenkinsfileMutationTest shows each rejects a Jenkinsfile that lost what it guards.
 */
final class NightlyJobContract {
    static final List<String> STAGES = ['Build and unit tests', 'Smoke drills', 'Nightly drills', 'Benchmarks']

    static final Map<String, Closure<?>> CHECKS = [
            'runs every night on a cron trigger'                          : { NightlyJob job ->
                List<Directive> crons = job.declared.triggers.findAll { it.name == 'cron' }
                assertThat(crons).as('cron triggers').hasSize(1)
                List<String> fields = crons[0].args[0].toString().trim().tokenize()
                assertThat(fields).as('cron fields of %s', crons[0]).hasSize(5)
                assertThat(fields[2..4]).as('day of month, month, day of week: every day').containsOnly('*')
                assertThat(fields[1]).as('hour: one hour a day, not every hour').matches(/H|\d{1,2}/)
            },
            'bounds every build: timeout, build discarder, one at a time' : { NightlyJob job ->
                PipelineSpec declared = job.declared
                Directive timeout = declared.option('timeout')
                assertThat(timeout).as('options: timeout').isNotNull()
                assertThat(timeout.named.time as int).as('timeout').isPositive()
                assertThat(timeout.named.unit).as('timeout unit').isIn('HOURS', 'MINUTES')
                Directive discarder = declared.option('buildDiscarder')
                assertThat(discarder).as('options: buildDiscarder').isNotNull()
                Directive rotator = (Directive) discarder.args[0]
                assertThat(rotator.name).isEqualTo('logRotator')
                assertThat(rotator.named.numToKeepStr as int).as('builds kept').isPositive()
                assertThat(declared.option('disableConcurrentBuilds')).as('options: disableConcurrentBuilds').isNotNull()
                assertThat(declared.option('timestamps')).as('options: timestamps').isNotNull()
            },
            'takes BACKEND, SCENARIO_FILTER, KAFKA_VERSIONS, BENCH and SHARDS': { NightlyJob job ->
                PipelineSpec declared = job.declared
                assertThat(declared.parameters*.name).containsExactly('BACKEND', 'SCENARIO_FILTER', 'KAFKA_VERSIONS', 'BENCH', 'SHARDS')
                assertThat(declared.parameter('KAFKA_VERSIONS').type).isEqualTo('string')
                assertThat(declared.parameter('KAFKA_VERSIONS').defaultValue).as('no matrix by default').isEqualTo('')
                assertThat(declared.parameter('SHARDS').defaultValue).as('agents by default').isEqualTo('2')
                ParameterSpec backend = declared.parameter('BACKEND')
                assertThat(backend.type).isEqualTo('choice')
                assertThat(backend.choices).containsExactly('process', 'testcontainers', 'external')
                assertThat(backend.defaultValue).as('default backend').isEqualTo('process')
                assertThat(declared.parameter('SCENARIO_FILTER').defaultValue).as('default filter').isEqualTo('*.yaml')
                assertThat(declared.parameter('BENCH').type).isEqualTo('booleanParam')
                assertThat(declared.parameter('BENCH').defaultValue).as('benchmarks by default').isEqualTo(true)
            },
            'has its stages in order'                                     : { NightlyJob job ->
                assertThat(job.declared.stageNames).containsExactlyElementsOf(STAGES)
            },
            'keeps scripted code inside script {}'                        : { NightlyJob job ->
                assertThat(DeclarativeStepBlocks.violations(job.source)).as('statements that are not steps').isEmpty()
            },
            'a night where every drill passes is SUCCESS'                 : { NightlyJob job ->
                BuildRecord build = job.build()
                assertNight(build, 'SUCCESS', ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS'])
                assertThat(build.shellCommands.find { it.startsWith('mvn ') }).as('build command')
                        .startsWith('mvn -B').contains('verify')
                assertThat(drillRuns(build)).as('drill runs: smoke first, then the rest on each of 2 shards')
                        .containsExactly(SMOKE_DRILLS, NIGHTLY_DRILLS, NIGHTLY_DRILLS)
                drillCommands(build).each { assertThat(it).contains('--backend process').contains('--reports reports') }
                assertThat(build.shellCommands.last()).as('benchmarks last').contains('-Pbench')
            },
            'a drill that FAILs makes the night UNSTABLE and it goes on'  : { NightlyJob job ->
                BuildRecord build = job.build([:], exiting('primary-outage', 1))
                assertNight(build, 'UNSTABLE', ['SUCCESS', 'UNSTABLE', 'SUCCESS', 'SUCCESS'])
                assertThat(drillRuns(build)).containsExactly(SMOKE_DRILLS, NIGHTLY_DRILLS, NIGHTLY_DRILLS)
                BuildRecord shardFailed = job.build([:], exiting('--shard 2/2', 1))
                assertNight(shardFailed, 'UNSTABLE', ['SUCCESS', 'SUCCESS', 'UNSTABLE', 'SUCCESS'])
            },
            'a drill ERROR fails the night'                               : { NightlyJob job ->
                BuildRecord build = job.build([:], exiting('replication-link-latency', 3))
                assertNight(build, 'FAILURE', ['SUCCESS', 'SUCCESS', 'FAILURE', 'SKIPPED_AFTER_FAILURE'])
                assertThat(build.failures).as('why').singleElement().asString().contains('ERROR').contains('exit 3')
                BuildRecord oneShard = job.build([:], { String command ->
                    command.contains('--shard 1/2') ? 1 : command.contains('--shard 2/2') ? 3 : 0 })
                assertNight(oneShard, 'FAILURE', ['SUCCESS', 'SUCCESS', 'FAILURE', 'SKIPPED_AFTER_FAILURE'])
                assertThat(oneShard.failures).as('the worst shard decides').singleElement().asString().contains('exit 3')
            },
            'a bad scenario file fails the night'                         : { NightlyJob job ->
                BuildRecord build = job.build([:], exiting('primary-outage', 2))
                assertNight(build, 'FAILURE', ['SUCCESS', 'FAILURE', 'SKIPPED_AFTER_FAILURE', 'SKIPPED_AFTER_FAILURE'])
                assertThat(build.failures).singleElement().asString().contains('exit 2')
            },
            'a broken build fails the night before any drill'             : { NightlyJob job ->
                BuildRecord build = job.build([:], exiting('mvn -B -DskipITs', 1))
                assertNight(build, 'FAILURE', ['FAILURE'] + ['SKIPPED_AFTER_FAILURE'] * 3)
                assertThat(drillCommands(build)).isEmpty()
            },
            'BACKEND picks the drills\' backend and an agent that has it' : { NightlyJob job ->
                assertThat(job.build().agentLabel).as('agent for the process backend')
                        .isEqualTo('firedrill')
                BuildRecord build = job.build([BACKEND: 'testcontainers'])
                assertThat(drillCommands(build)).hasSize(3)
                drillCommands(build).each { assertThat(it).contains('--backend testcontainers') }
                assertThat(build.agentLabel).as('agent for testcontainers').contains('docker')
                build.steps.findAll { it.name == 'node' }.each { assertThat(it.args.label).as('shard agent').contains('docker') }
                List<String> external = drillCommands(job.build([BACKEND: 'external']))
                assertThat(external).hasSize(3)
                external.each { assertThat(it).contains('--backend external') }
            },
            'SCENARIO_FILTER picks the drills'                            : { NightlyJob job ->
                BuildRecord primaryOnly = job.build([SCENARIO_FILTER: 'primary-*.yaml'])
                assertThat(drillRuns(primaryOnly)).containsExactly(['scenarios/primary-outage.yaml'],
                        ['scenarios/primary-restore.yaml'], ['scenarios/primary-restore.yaml'])
                BuildRecord nightlyOnly = job.build([SCENARIO_FILTER: 'replication-*.yaml', SHARDS: '1'])
                assertThat(nightlyOnly.result).as('no smoke drill selected is fine').isEqualTo('SUCCESS')
                assertThat(drillRuns(nightlyOnly)).containsExactly(['scenarios/replication-link-latency.yaml'])
                BuildRecord none = job.build([SCENARIO_FILTER: 'no-such-*.yaml'])
                assertThat(none.result).isEqualTo('FAILURE')
                assertThat(none.failures).singleElement().asString().contains('no-such-*.yaml')
                assertThat(drillCommands(none)).isEmpty()
            },
            'KAFKA_VERSIONS runs every drill once per version'           : { NightlyJob job ->
                drillCommands(job.build()).each { assertThat(it).doesNotContain('--kafka') }
                BuildRecord matrix = job.build([KAFKA_VERSIONS: ' 3.9.1,4.3.1 '])
                assertThat(matrix.result).isEqualTo('SUCCESS')
                assertThat(drillCommands(matrix)).as('every drill run, smoke and each shard').hasSameSizeAs(drillCommands(job.build()))
                drillCommands(matrix).each { assertThat(it).contains('--kafka 3.9.1,4.3.1 ') }
                BuildRecord injected = job.build([KAFKA_VERSIONS: '3.9.1; rm -rf /'])
                assertThat(injected.result).isEqualTo('FAILURE')
                assertThat(injected.failures).singleElement().asString().contains('KAFKA_VERSIONS')
                assertThat(drillCommands(injected)).isEmpty()
            },
            'the nightly drills fan out over SHARDS agents and every shard\'s reports are merged': { NightlyJob job ->
                for (int shards : [1, 3]) {
                    BuildRecord build = job.build([SHARDS: shards.toString()])
                    assertThat(build.result).as(build.toString()).isEqualTo('SUCCESS')
                    List<StepCall> nightly = build.stepsIn('Nightly drills')
                    List<String> shardNames = (1..shards).collect { "${it}/${shards}".toString() }
                    assertThat(nightly.find { it.name == 'parallel' }?.args?.branches).as('parallel branches: %s', build)
                            .containsExactlyElementsOf(shardNames.collect { "shard ${it}".toString() })
                    assertThat(nightly.findAll { it.name == 'node' }).as('one agent per shard').hasSize(shards)
                    List<String> runs = drillCommands(build).findAll { it.contains('--shard') }
                    assertThat(runs).as('one drill run per shard').hasSize(shards)
                    shardNames.eachWithIndex { String shard, int i ->
                        assertThat(runs[i]).contains("--shard ${shard}").contains("--reports reports/shard-${i + 1}")
                                .contains(NIGHTLY_DRILLS.join(' '))
                    }
                    List<String> stashed = nightly.findAll { it.name == 'stash' }.collect { StepCall stash ->
                        assertThat(stash.args.includes.toString()).as('what %s keeps', stash.args.name).startsWith('reports/shard-')
                        stash.args.name.toString()
                    }
                    assertThat(stashed).as('every shard stashes its reports').hasSize(shards)
                    assertThat(nightly.findAll { it.name == 'unstash' }*.args*.name).as('and every stash comes back')
                            .containsExactlyInAnyOrderElementsOf(stashed)
                    String merge = build.shellCommands.find { it.contains('drill merge-reports') }
                    assertThat(merge).as('the shards\' reports merged into reports/: %s', build).isNotNull()
                    assertThat(merge.tokenize(' ').drop(2)).as('merge-reports OUT DIR...')
                            .containsExactlyElementsOf(['reports'] + (1..shards).collect { "reports/shard-${it}".toString() })
                    assertThat(build.shellCommands.indexOf(merge)).as('merged after every shard ran')
                            .isGreaterThan(build.shellCommands.indexOf(runs.last()))
                }
                BuildRecord bad = job.build([SHARDS: 'many'])
                assertThat(bad.result).isEqualTo('FAILURE')
                assertThat(bad.failures).singleElement().asString().contains('SHARDS')
            },
            'BENCH=false skips the benchmarks'                            : { NightlyJob job ->
                BuildRecord build = job.build([BENCH: false])
                assertThat(build.result).isEqualTo('SUCCESS')
                assertThat(build.stages['Benchmarks']).isEqualTo('SKIPPED_BY_WHEN')
                assertThat(build.shellCommands.findAll { it.contains('-Pbench') }).isEmpty()
            },
            'cleanup kills this job\'s orphaned drill processes, only them': { NightlyJob job ->
                BuildRecord failed = job.build([:], exiting('replication-link-latency', 3))
                List<String> cleanup = failed.stepsIn('post:cleanup').findAll { it.name == 'sh' }*.args*.script*.toString()
                assertThat(cleanup).as('sh steps in post { cleanup }').isNotEmpty()
                OrphanDecoys.assertCleanupKillsOnlyThisJobsDrillProcesses(cleanup)
            },
    ]

    /** The night ended with this result and these stage outcomes (in STAGES order), and post did its job. */
    private static void assertNight(BuildRecord build, String result, List<String> stageOutcomes) {
        assertThat(build.result).as(build.toString()).isEqualTo(result)
        assertThat(build.stages).as(build.toString())
                .containsExactlyEntriesOf([STAGES, stageOutcomes].transpose().collectEntries())
        assertPublishedAndCleanedUp(build)
    }

    /** post { always } published JUnit, Allure and the reports, and post { cleanup } ran, whatever the result. */
    private static void assertPublishedAndCleanedUp(BuildRecord build) {
        List<StepCall> always = build.stepsIn('post:always')
        StepCall junit = always.find { it.name == 'junit' }
        assertThat(junit).as('junit in post { always }: %s', build).isNotNull()
        assertThat(junit.args.testResults.toString())
                .contains('target/surefire-reports/*.xml').contains('target/failsafe-reports/*.xml')
        assertThat(junit.args.allowEmptyResults).as('junit allowEmptyResults').isEqualTo(true)
        StepCall allure = always.find { it.name == 'allure' }
        assertThat(allure).as('allure in post { always }: %s', build).isNotNull()
        assertThat(allure.args.results).isEqualTo([[path: 'reports/allure-results']])
        StepCall archive = always.find { it.name == 'archiveArtifacts' }
        assertThat(archive).as('archiveArtifacts in post { always }: %s', build).isNotNull()
        assertThat(archive.args.artifacts).isEqualTo('reports/**')
        assertThat(build.stepsIn('post:cleanup')*.name).as('post { cleanup }: %s', build).contains('sh')
    }
}
