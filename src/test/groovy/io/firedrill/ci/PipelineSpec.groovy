package io.firedrill.ci

import static groovy.lang.Closure.DELEGATE_FIRST

/**
 * What a declarative {@code pipeline {}} block declares, captured without running it. JenkinsPipelineUnit 1.1 (the
 * last release on Maven Central) only knows scripted pipelines, so this is the test double for the declarative DSL.
 * It is strict on purpose: a section, directive, option or post condition it does not model is an error, never a
 * silent no-op, so a Jenkinsfile cannot pass here with something this double would have ignored.
 */
final class PipelineSpec {

    /** Evaluated when a run starts, as Jenkins does, so the label can use {@code params}; null means any agent. */
    Closure<?> agentLabel
    final List<Directive> triggers = []
    final List<Directive> options = []
    final List<ParameterSpec> parameters = []
    final List<StageSpec> stages = []
    /** Post conditions in declaration order; {@link PipelineRunner} runs them in Jenkins' order. */
    final Map<String, Closure<?>> post = [:]

    static PipelineSpec capture(Closure<?> pipelineBody) {
        PipelineSpec spec = new PipelineSpec()
        evaluate(pipelineBody, new PipelineSection(spec))
        return spec
    }

    List<String> getStageNames() {
        return stages*.name
    }

    Directive option(String name) {
        return options.find { it.name == name }
    }

    ParameterSpec parameter(String name) {
        return parameters.find { it.name == name }
    }

    /** Runs a DSL block against the collector of its section; the collector answers first, like Jenkins' parser. */
    static void evaluate(Closure<?> block, Object section) {
        Closure<?> bound = block.rehydrate(section, block.owner, block.thisObject)
        bound.resolveStrategy = DELEGATE_FIRST
        bound.call()
    }
}

/** A call inside a directive section, e.g. {@code timeout(time: 4, unit: 'HOURS')} or {@code cron('H 2 * * *')}. */
final class Directive {
    final String name
    final List<Object> args

    Directive(String name, Object[] args) {
        this.name = name
        this.args = args as List
    }

    /** The named arguments of a call such as {@code timeout(time: 4, unit: 'HOURS')}. */
    Map<String, Object> getNamed() {
        return args && args[0] instanceof Map ? (Map<String, Object>) args[0] : [:]
    }

    @Override
    String toString() {
        return "${name}(${args.join(', ')})"
    }
}

/** One build parameter with the default Jenkins would use when nobody gives a value. */
final class ParameterSpec {
    final String type
    final String name
    final Object defaultValue
    /** Only for choice parameters: the first one is the default. */
    final List<String> choices

    ParameterSpec(String type, String name, Object defaultValue, List<String> choices) {
        this.type = type
        this.name = name
        this.defaultValue = defaultValue
        this.choices = choices
    }

    @Override
    String toString() {
        return "${type}(${name}, default ${defaultValue}${choices ? ", choices ${choices}" : ''})"
    }
}

final class StageSpec {
    final String name
    Closure<?> when
    Closure<?> steps

    StageSpec(String name) {
        this.name = name
    }
}

/** Base of the section collectors: anything a section does not declare is rejected with a one-line reason. */
abstract class Section {

    abstract String getSectionName()

    def methodMissing(String name, Object args) {
        throw new IllegalArgumentException("'${name}' is not something ${sectionName} {} may hold in this declarative " +
                "double: Jenkins rejects it, or the double (src/test/groovy/io/firedrill/ci) must model it first")
    }
}

final class PipelineSection extends Section {
    private final PipelineSpec spec

    PipelineSection(PipelineSpec spec) {
        this.spec = spec
    }

    String getSectionName() { 'pipeline' }

    /** {@code agent any} and {@code agent none} read these as properties. */
    String getAny() { 'any' }

    String getNone() { 'none' }

    void agent(String anyOrNone) {
        if (anyOrNone == 'none') {
            throw new IllegalArgumentException('agent none needs an agent per stage, which this double does not model')
        }
        spec.agentLabel = null
    }

    void agent(Closure<?> body) {
        AgentSection agent = new AgentSection()
        spec.agentLabel = { -> PipelineSpec.evaluate(body, agent); agent.label }
    }

    void triggers(Closure<?> body) {
        PipelineSpec.evaluate(body, new DirectiveSection('triggers', ['cron', 'pollSCM', 'upstream'], [], spec.triggers))
    }

    void options(Closure<?> body) {
        // only options that change nothing a run here could observe; retry, skipStagesAfterUnstable and the like
        // change which steps run and would need modelling
        List<String> inert = ['buildDiscarder', 'checkoutToSubdirectory', 'disableConcurrentBuilds', 'disableResume',
                              'preserveStashes', 'quietPeriod', 'skipDefaultCheckout', 'timeout', 'timestamps']
        PipelineSpec.evaluate(body, new DirectiveSection('options', inert, ['logRotator'], spec.options))
    }

    void parameters(Closure<?> body) {
        PipelineSpec.evaluate(body, new ParametersSection(spec.parameters))
    }

    void stages(Closure<?> body) {
        PipelineSpec.evaluate(body, new StagesSection(spec.stages))
    }

    void post(Closure<?> body) {
        PipelineSpec.evaluate(body, new PostSection(spec.post))
    }
}

final class AgentSection extends Section {
    String label

    String getSectionName() { 'agent' }

    void label(Object expression) {
        label = expression.toString()
    }
}

/** triggers {} and options {}: records the directives it knows, and lets helpers such as logRotator build values. */
final class DirectiveSection extends Section {
    final String sectionName
    private final List<String> directives
    private final List<String> helpers
    private final List<Directive> recorded

    DirectiveSection(String sectionName, List<String> directives, List<String> helpers, List<Directive> recorded) {
        this.sectionName = sectionName
        this.directives = directives
        this.helpers = helpers
        this.recorded = recorded
    }

    def methodMissing(String name, Object args) {
        Directive directive = new Directive(name, (Object[]) args)
        if (name in directives) {
            recorded << directive
        } else if (!(name in helpers)) {
            return super.methodMissing(name, args)
        }
        return directive
    }
}

final class ParametersSection extends Section {
    private final List<ParameterSpec> parameters

    ParametersSection(List<ParameterSpec> parameters) {
        this.parameters = parameters
    }

    String getSectionName() { 'parameters' }

    void choice(Map<String, Object> definition) {
        def choices = definition.choices
        List<String> list = (choices instanceof String ? choices.readLines() : choices as List)*.toString()
        parameters << new ParameterSpec('choice', (String) definition.name, list ? list[0] : null, list)
    }

    void string(Map<String, Object> definition) {
        parameters << new ParameterSpec('string', (String) definition.name, definition.defaultValue ?: '', null)
    }

    void text(Map<String, Object> definition) {
        parameters << new ParameterSpec('text', (String) definition.name, definition.defaultValue ?: '', null)
    }

    void booleanParam(Map<String, Object> definition) {
        parameters << new ParameterSpec('booleanParam', (String) definition.name, definition.defaultValue as boolean, null)
    }
}

final class StagesSection extends Section {
    private final List<StageSpec> stages

    StagesSection(List<StageSpec> stages) {
        this.stages = stages
    }

    String getSectionName() { 'stages' }

    void stage(String name, Closure<?> body) {
        if (stages.any { it.name == name }) {
            throw new IllegalArgumentException("stage '${name}' is declared twice; Jenkins rejects duplicate stage names")
        }
        StageSpec stage = new StageSpec(name)
        PipelineSpec.evaluate(body, new StageSection(stage))
        if (stage.steps == null) {
            throw new IllegalArgumentException("stage '${name}' has no steps {}")
        }
        stages << stage
    }
}

final class StageSection extends Section {
    private final StageSpec stage

    StageSection(StageSpec stage) {
        this.stage = stage
    }

    String getSectionName() { "stage('${stage.name}')" }

    void steps(Closure<?> body) {
        stage.steps = body
    }

    void when(Closure<?> body) {
        stage.when = body
    }
}

final class PostSection extends Section {
    /** Jenkins' evaluation order of the post conditions this double models. */
    static final List<String> CONDITIONS = ['always', 'failure', 'success', 'unstable', 'unsuccessful', 'cleanup']

    private final Map<String, Closure<?>> post

    PostSection(Map<String, Closure<?>> post) {
        this.post = post
    }

    String getSectionName() { 'post' }

    def methodMissing(String name, Object args) {
        Object[] arguments = (Object[]) args
        if (!(name in CONDITIONS) || arguments.length != 1 || !(arguments[0] instanceof Closure)) {
            return super.methodMissing(name, args)
        }
        post[name] = (Closure<?>) arguments[0]
        return null
    }
}
