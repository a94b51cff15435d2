package io.firedrill.ci

import static groovy.lang.Closure.DELEGATE_FIRST

/**
 * Runs a captured declarative pipeline in the order Jenkins does: stages one after the other, a stage whose steps
 * throw fails the build and skips every later stage, {@code when} can skip a stage, and the post conditions run
 * afterwards in Jenkins' order, each against the result as it stands then.
 */
final class PipelineRunner {
    private final PipelineSpec spec
    private final Script script
    private final BuildRecord build
    private boolean stageFailed

    PipelineRunner(PipelineSpec spec, Script script, BuildRecord build) {
        this.spec = spec
        this.script = script
        this.build = build
    }

    void run() {
        build.agentLabel = spec.agentLabel?.call()
        spec.stages.each { runStage(it) }
        PostSection.CONDITIONS.findAll { spec.post.containsKey(it) && applies(it) }.each { condition ->
            build.enter("post:${condition}", false)
            attempt(spec.post[condition])
        }
    }

    private void runStage(StageSpec stage) {
        if (stageFailed) {
            build.stages[stage.name] = 'SKIPPED_AFTER_FAILURE'
        } else if (stage.when != null && !conditionsHold(stage.when)) {
            build.stages[stage.name] = 'SKIPPED_BY_WHEN'
        } else {
            build.enter(stage.name, true)
            stageFailed = !attempt(stage.steps)
        }
    }

    private boolean attempt(Closure<?> steps) {
        try {
            onScript(steps).call()
            return true
        } catch (Throwable failure) {
            // Jenkins turns any exception out of a step (error, a failed sh, an unknown step) into a failed build
            build.fail(failure)
            return false
        }
    }

    private boolean applies(String condition) {
        switch (condition) {
            case 'failure': return build.result == 'FAILURE'
            case 'success': return build.result == 'SUCCESS'
            case 'unstable': return build.result == 'UNSTABLE'
            case 'unsuccessful': return build.result != 'SUCCESS'
            default: return true // always, cleanup
        }
    }

    private boolean conditionsHold(Closure<?> when) {
        WhenSection conditions = new WhenSection(this)
        PipelineSpec.evaluate(when, conditions)
        return conditions.allHold()
    }

    /** Steps and expressions resolve against the loaded Jenkinsfile, where JenkinsPipelineUnit intercepts calls. */
    Closure<?> onScript(Closure<?> block) {
        Closure<?> bound = block.rehydrate(script, script, script)
        bound.resolveStrategy = DELEGATE_FIRST
        return bound
    }
}

/** when {}: every condition in it must hold, as in Jenkins. */
final class WhenSection extends Section {
    private final PipelineRunner runner
    private final List<Boolean> outcomes = []

    WhenSection(PipelineRunner runner) {
        this.runner = runner
    }

    String getSectionName() { 'when' }

    boolean allHold() {
        return outcomes.every()
    }

    void expression(Closure<?> condition) {
        outcomes << (runner.onScript(condition).call() as boolean)
    }

    void not(Closure<?> body) {
        outcomes << !nested(body).allHold()
    }

    void allOf(Closure<?> body) {
        outcomes << nested(body).allHold()
    }

    void anyOf(Closure<?> body) {
        outcomes << nested(body).outcomes.any()
    }

    private WhenSection nested(Closure<?> body) {
        WhenSection section = new WhenSection(runner)
        PipelineSpec.evaluate(body, section)
        return section
    }
}

/** What one build did: its result, each stage's outcome and every step it called, in order. */
final class BuildRecord {
    private static final List<String> RESULTS = ['SUCCESS', 'UNSTABLE', 'FAILURE']

    String result = 'SUCCESS'
    String agentLabel
    /** Stage name to SUCCESS, UNSTABLE, FAILURE, SKIPPED_BY_WHEN or SKIPPED_AFTER_FAILURE, in declaration order. */
    final Map<String, String> stages = [:]
    final List<StepCall> steps = []
    /** Messages of what failed the build, e.g. an error step's message. */
    final List<String> failures = []
    /** A stage name, or post:always and the like. */
    private String phase
    private boolean inStage

    void enter(String phase, boolean stage) {
        this.phase = phase
        this.inStage = stage
        if (stage) {
            stages[phase] = 'SUCCESS'
        }
    }

    void record(String step, Map<String, Object> args) {
        steps << new StepCall(phase, step, args)
    }

    void unstable() {
        worsen('UNSTABLE')
    }

    void fail(Throwable failure) {
        failures << (failure.message ?: failure.class.name)
        worsen('FAILURE')
    }

    List<StepCall> stepsIn(String phase) {
        return steps.findAll { it.phase == phase }
    }

    /** The scripts of the sh steps outside post, in order. */
    List<String> getShellCommands() {
        return steps.findAll { it.name == 'sh' && !it.phase.startsWith('post:') }*.args*.script*.toString()
    }

    private void worsen(String outcome) {
        result = worse(result, outcome)
        if (inStage) {
            stages[phase] = worse(stages[phase], outcome)
        }
    }

    private static String worse(String current, String outcome) {
        return RESULTS.indexOf(outcome) > RESULTS.indexOf(current) ? outcome : current
    }

    @Override
    String toString() {
        return "build ${result}, stages ${stages}, failures ${failures}, steps:\n  ${steps.join('\n  ')}"
    }
}

final class StepCall {
    final String phase
    final String name
    final Map<String, Object> args

    StepCall(String phase, String name, Map<String, Object> args) {
        this.phase = phase
        this.name = name
        this.args = args
    }

    @Override
    String toString() {
        return "[${phase}] ${name} ${args}"
    }
}

/** What Jenkins' error step and a failing sh throw (hudson.AbortException there). */
final class PipelineAbort extends RuntimeException {
    PipelineAbort(String message) {
        super(message)
    }
}
