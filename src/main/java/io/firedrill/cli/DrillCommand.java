package io.firedrill.cli;

import io.firedrill.kafka.KafkaVersion;

import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code harness/bin/drill}: run, validate and list drills, bring a drill environment up, or run
 * the embedded Toxiproxy server. Exit codes: 0 all PASS, 1 any FAIL, 2 bad input or usage,
 * 3 infrastructure ERROR.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, versionProvider = DrillCommand.Version.class,
        description = "Chaos and disaster-recovery drills against real Apache Kafka.",
        subcommands = {RunCommand.class, ValidateCommand.class, ListCommand.class, UpCommand.class, MergeReportsCommand.class,
                ToxiproxyCommand.class, CommandLine.HelpCommand.class})
public final class DrillCommand implements Runnable {

    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int BAD_INPUT = 2;
    public static final int ERROR = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, validate, list, up, merge-reports or toxiproxy");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (the tests call this, not {@link #main}). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new DrillCommand())
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    if (e instanceof BadInputException) {
                        line.getErr().println("drill: " + e.getMessage());
                        return BAD_INPUT;
                    }
                    if (e instanceof InfrastructureException infrastructure) {
                        line.getErr().println("drill: " + infrastructure.describe());
                        return ERROR;
                    }
                    line.getErr().println("drill: " + e);
                    return ERROR;
                });
        commandLine.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine line = e.getCommandLine();
            line.getErr().println("drill: " + e.getMessage() + " (see: " + line.getCommandSpec().qualifiedName() + " --help)");
            return BAD_INPUT;
        });
        return commandLine.execute(args);
    }

    /** Firedrill's version and the Kafka it runs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DrillCommand.class.getPackage().getImplementationVersion();
            return new String[] {"firedrill " + (version == null ? "development build" : version)
                    + ", Apache Kafka " + KafkaVersion.HARNESS + " (supported: " + KafkaVersion.supportedList() + ")"};
        }
    }
}
