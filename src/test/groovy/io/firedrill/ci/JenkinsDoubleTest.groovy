package io.firedrill.ci

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

import java.nio.file.Path

/** The declarative double behaves as Jenkins does where the nightly job's tests rely on it. */
class JenkinsDoubleTest {

    @TempDir
    Path dir

    @Test
    void aStageThatThrowsFailsTheBuildSkipsLaterStagesAndPostRunsInJenkinsOrder() {
        BuildRecord build = build(pipeline('''
                    stage('one') { steps { sh 'make' } }
                    stage('two') { steps { error('boom') } }
                    stage('three') { steps { sh 'never' } }''', '''
                post {
                    cleanup { echo 'cleanup' }
                    success { echo 'success' }
                    failure { echo 'failure' }
                    always { echo 'always' }
                }'''))

        assertThat(build.result).isEqualTo('FAILURE')
        assertThat(build.stages).containsExactlyEntriesOf(
                [one: 'SUCCESS', two: 'FAILURE', three: 'SKIPPED_AFTER_FAILURE'])
        assertThat(build.failures).containsExactly('boom')
        assertThat(build.shellCommands).containsExactly('make')
        assertThat(echoed(build)).containsExactly('always', 'failure', 'cleanup')
    }

    @Test
    void unstableMarksTheStageAndTheBuildAndTheBuildGoesOn() {
        BuildRecord build = build(pipeline('''
                    stage('one') { steps { unstable('drill failed') } }
                    stage('two') { steps { sh 'next' } }''', '''
                post {
                    success { echo 'success' }
                    unstable { echo 'unstable' }
                    unsuccessful { echo 'unsuccessful' }
                }'''))

        assertThat(build.result).isEqualTo('UNSTABLE')
        assertThat(build.stages).containsExactlyEntriesOf([one: 'UNSTABLE', two: 'SUCCESS'])
        assertThat(echoed(build)).containsExactly('unstable', 'unsuccessful')
    }

    @Test
    void shFailsTheStageOnANonZeroExitUnlessItReturnsTheStatus() {
        BuildRecord build = build(pipeline('''
                    stage('status') { steps { script { echo "exit ${sh(script: 'probe', returnStatus: true)}" } } }
                    stage('plain') { steps { sh 'probe' } }'''), [:], { 5 })

        assertThat(echoed(build)).containsExactly('exit 5')
        assertThat(build.stages).containsExactlyEntriesOf([status: 'SUCCESS', plain: 'FAILURE'])
        assertThat(build.failures).containsExactly('script returned exit code 5')
    }

    @Test
    void whenConditionsAndParametersDecideWhichStagesRun() {
        String jenkinsfile = '''
            pipeline {
                agent { label "${params.POOL}-agents" }
                parameters {
                    choice(name: 'POOL', choices: ['small', 'large'])
                    booleanParam(name: 'EXTRA', defaultValue: false)
                }
                stages {
                    stage('extra') {
                        when { expression { params.EXTRA } }
                        steps { sh 'extra' }
                    }
                    stage('not extra') {
                        when { not { expression { params.EXTRA } } }
                        steps { sh 'plain' }
                    }
                    stage('large or extra') {
                        when { anyOf { expression { params.POOL == 'large' }; expression { params.EXTRA } } }
                        steps { sh 'big' }
                    }
                }
            }'''

        BuildRecord defaults = build(jenkinsfile)
        BuildRecord given = build(jenkinsfile, [POOL: 'large', EXTRA: true])

        assertThat(defaults.agentLabel).isEqualTo('small-agents')
        assertThat(defaults.shellCommands).containsExactly('plain')
        assertThat(defaults.stages['extra']).isEqualTo('SKIPPED_BY_WHEN')
        assertThat(given.agentLabel).isEqualTo('large-agents')
        assertThat(given.shellCommands).containsExactly('extra', 'big')
        assertThatThrownBy { build(jenkinsfile, [POOL: 'huge']) }.hasMessageContaining('POOL=huge is not one of [small, large]')
        assertThatThrownBy { build(jenkinsfile, [SIZE: 'large']) }.hasMessageContaining("'SIZE' is not declared")
    }

    @Test
    void whatTheDoubleDoesNotModelIsAnErrorNotANoOp() {
        String oneStage = "stage('one') { steps { sh 'x' } }"
        assertThatThrownBy { build(pipeline(oneStage, 'options { retry(2) }')) }.hasMessageContaining("'retry'")
        assertThatThrownBy { build(pipeline(oneStage, "environment { A = 'b' }")) }.hasMessageContaining("'environment'")
        assertThatThrownBy { build(pipeline(oneStage, "post { changed { echo 'x' } }")) }.hasMessageContaining("'changed'")

        BuildRecord unknownStep = build(pipeline("stage('one') { steps { slackSend 'drills done' } }"))

        assertThat(unknownStep.result).isEqualTo('FAILURE')
        assertThat(unknownStep.failures).singleElement().asString().contains('slackSend')
    }

    @Test
    void stepBlocksMayHoldOnlyStepsUnlessInsideScript() {
        List<String> violations = DeclarativeStepBlocks.violations('''
            pipeline {
                agent any
                stages {
                    stage('one') {
                        steps {
                            sh 'fine'
                            def count = 1
                            if (count) { echo 'no' }
                            currentBuild.displayName = 'no'
                            script { def inside = 1; if (inside) { echo 'fine' } }
                        }
                    }
                }
                post { always { junit 'fine.xml'; echo 'fine' } }
            }''')

        assertThat(violations).hasSize(3)
        assertThat(violations[0]).startsWith('line 8:')
        assertThat(violations[1]).startsWith('line 9:')
        assertThat(violations[2]).startsWith('line 10:')
    }

    /** A pipeline on any agent with these stages and any other sections. */
    private static String pipeline(String stages, String otherSections = '') {
        return """
            pipeline {
                agent any
                ${otherSections}
                stages {
                    ${stages}
                }
            }"""
    }

    private static List<String> echoed(BuildRecord build) {
        return build.steps.findAll { it.name == 'echo' }*.args*.message*.toString()
    }

    private BuildRecord build(String jenkinsfile, Map<String, Object> params = [:], Closure<Integer> exitCodes = { 0 }) {
        dir.resolve('Jenkinsfile').text = jenkinsfile
        return new JenkinsDouble(dir, dir).build(params, exitCodes)
    }
}
