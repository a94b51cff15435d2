package io.firedrill.ci

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory
import com.lesfurets.jenkins.unit.PipelineTestHelper

import java.nio.file.FileSystems
import java.nio.file.Path
import java.nio.file.PathMatcher

/**
 * A Jenkins for one Jenkinsfile: JenkinsPipelineUnit loads and runs the real file, the declarative DSL is
 * {@link PipelineSpec}'s double, and the steps the Jenkinsfile may call are answered the way their plugins would,
 * over a workspace on disk. Any other step is an unknown method, which fails the build as it would in Jenkins.
 */
final class JenkinsDouble {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())

    private final Path jenkinsfileDir
    private final Path workspace

    /** @param jenkinsfileDir the directory holding the Jenkinsfile; @param workspace where findFiles and readYaml look */
    JenkinsDouble(Path jenkinsfileDir, Path workspace) {
        this.jenkinsfileDir = jenkinsfileDir
        this.workspace = workspace
    }

    /** What the Jenkinsfile's pipeline {} declares, without running a stage. */
    PipelineSpec declared() {
        PipelineSpec declared = null
        PipelineTestHelper helper = newHelper()
        helper.registerAllowedMethod('pipeline', [Closure], { Closure body -> declared = PipelineSpec.capture(body) })
        helper.runScript(helper.loadScript('Jenkinsfile', new Binding()))
        if (declared == null) {
            throw new AssertionError('the Jenkinsfile declares no pipeline {}')
        }
        return declared
    }

    /**
     * One build of the Jenkinsfile.
     * @param params build parameters; the ones not given take the defaults the Jenkinsfile declares
     * @param exitCodes the exit code of each shell command (it gets the command's text)
     */
    BuildRecord build(Map<String, Object> params = [:], Closure<Integer> exitCodes = { 0 }) {
        BuildRecord build = new BuildRecord()
        Binding binding = new Binding()
        PipelineTestHelper helper = newHelper()
        registerSteps(helper, build, exitCodes)
        binding.setVariable('scm', [$class: 'GitSCM']) // what checkout scm gets in a Pipeline-from-SCM job
        Script script = helper.loadScript('Jenkinsfile', binding)
        helper.registerAllowedMethod('pipeline', [Closure], { Closure body ->
            PipelineSpec spec = PipelineSpec.capture(body)
            binding.setVariable('params', Collections.unmodifiableMap(parameterValues(spec, params)))
            new PipelineRunner(spec, script, build).run()
        })
        helper.runScript(script)
        return build
    }

    private PipelineTestHelper newHelper() {
        PipelineTestHelper helper = new PipelineTestHelper()
        helper.scriptRoots = [jenkinsfileDir.toString()] as String[]
        helper.baseScriptRoot = jenkinsfileDir.toString()
        helper.scriptExtension = 'jenkins'
        helper.baseClassloader = JenkinsDouble.classLoader
        helper.imports += [NonCPS: 'com.cloudbees.groovy.cps.NonCPS']
        return helper.init()
    }

    private static Map<String, Object> parameterValues(PipelineSpec spec, Map<String, Object> given) {
        given.keySet().each { name ->
            if (spec.parameter(name) == null) {
                throw new IllegalArgumentException("build parameter '${name}' is not declared by the Jenkinsfile")
            }
        }
        return spec.parameters.collectEntries { ParameterSpec parameter ->
            Object value = given.containsKey(parameter.name) ? given[parameter.name] : parameter.defaultValue
            if (parameter.choices != null && !(value in parameter.choices)) {
                throw new IllegalArgumentException("${parameter.name}=${value} is not one of ${parameter.choices}")
            }
            [(parameter.name): value]
        }
    }

    private void registerSteps(PipelineTestHelper helper, BuildRecord build, Closure<Integer> exitCodes) {
        helper.registerAllowedMethod('sh', [CharSequence], { command -> shell(build, exitCodes, [script: command]) })
        helper.registerAllowedMethod('sh', [Map], { Map args -> shell(build, exitCodes, args) })
        helper.registerAllowedMethod('script', [Closure], { Closure body -> body.call() })
        helper.registerAllowedMethod('echo', [CharSequence], { message -> build.record('echo', [message: message]) })
        helper.registerAllowedMethod('error', [CharSequence], { message ->
            build.record('error', [message: message])
            throw new PipelineAbort(message.toString())
        })
        helper.registerAllowedMethod('unstable', [CharSequence], { message ->
            build.record('unstable', [message: message])
            build.unstable()
        })
        helper.registerAllowedMethod('junit', [CharSequence], { results -> build.record('junit', [testResults: results]) })
        helper.registerAllowedMethod('junit', [Map], { Map args -> build.record('junit', args) })
        helper.registerAllowedMethod('archiveArtifacts', [CharSequence], { artifacts ->
            build.record('archiveArtifacts', [artifacts: artifacts])
        })
        helper.registerAllowedMethod('archiveArtifacts', [Map], { Map args -> build.record('archiveArtifacts', args) })
        helper.registerAllowedMethod('allure', [Map], { Map args -> build.record('allure', args) })
        helper.registerAllowedMethod('node', [CharSequence, Closure], { CharSequence label, Closure body ->
            build.record('node', [label: label.toString()])
            body.call()
        })
        helper.registerAllowedMethod('checkout', [Map], { Map scm -> build.record('checkout', scm) })
        // branches run one after the other here; as in Jenkins (no failFast) every branch runs and then the first
        // failure fails the step
        helper.registerAllowedMethod('parallel', [Map], { Map branches ->
            build.record('parallel', [branches: new ArrayList(branches.keySet())])
            Throwable first = null
            branches.each { name, Closure branch ->
                try {
                    branch.call()
                } catch (Throwable failure) {
                    first = first ?: failure
                }
            }
            if (first != null) {
                throw first
            }
        })
        Set<String> stashes = []
        helper.registerAllowedMethod('stash', [Map], { Map args ->
            build.record('stash', args)
            stashes << args.name.toString()
        })
        helper.registerAllowedMethod('unstash', [CharSequence], { CharSequence stash ->
            String name = stash.toString()
            build.record('unstash', [name: name])
            if (!(name in stashes)) {
                throw new PipelineAbort("No such saved stash '${name}'")
            }
        })
        helper.registerAllowedMethod('findFiles', [Map], { Map args ->
            build.record('findFiles', args)
            findFiles(args.glob.toString())
        })
        helper.registerAllowedMethod('readYaml', [Map], { Map args ->
            build.record('readYaml', args)
            YAML.readValue(workspace.resolve(args.file.toString()).toFile(), LinkedHashMap)
        })
    }

    private static Object shell(BuildRecord build, Closure<Integer> exitCodes, Map args) {
        build.record('sh', args)
        if (args.returnStdout) {
            throw new IllegalArgumentException('sh returnStdout is not modelled by the Jenkins double')
        }
        int exitCode = exitCodes.call(args.script.toString())
        if (args.returnStatus) {
            return exitCode
        }
        if (exitCode != 0) {
            throw new PipelineAbort("script returned exit code ${exitCode}")
        }
        return null
    }

    /** Pipeline Utility Steps' findFiles: files under the workspace whose relative path matches the glob. */
    private List<FoundFile> findFiles(String glob) {
        PathMatcher matcher = FileSystems.default.getPathMatcher("glob:${glob}")
        List<FoundFile> found = []
        workspace.toFile().eachFileRecurse(groovy.io.FileType.FILES) { File file ->
            Path relative = workspace.relativize(file.toPath())
            if (matcher.matches(relative)) {
                found << new FoundFile(relative.fileName.toString(), relative.toString())
            }
        }
        return found
    }
}

/** The fields of Pipeline Utility Steps' FileWrapper that a Jenkinsfile reads. */
final class FoundFile {
    final String name
    final String path

    FoundFile(String name, String path) {
        this.name = name
        this.path = path
    }
}
