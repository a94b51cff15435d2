package io.firedrill.cli;

import io.firedrill.report.ReportMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code drill merge-reports OUT DIR...}: the reports folders of the shards of a night, folded
 * into one (see {@link ReportMerge}), so Allure and the readiness page show the whole library.
 */
@Command(name = "merge-reports", mixinStandardHelpOptions = true,
        description = "Merge the reports folders of sharded runs (drill run --shard I/N) into OUT: each scenario's report,"
                + " its history, the Allure results and one readiness page. Exit 0, or 2 when a DIR is not a reports folder.")
final class MergeReportsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "The merged reports folder (created, or merged into).")
    private Path target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DIR", description = "The shards' --reports folders.")
    private List<Path> shards;

    @Override
    public Integer call() {
        ReportMerge.Merged merged = ReportMerge.merge(target, shards);
        System.out.println("drill: merged " + shards.size() + " reports folder(s) into " + target + ": "
                + merged.scenarios().size() + " scenario(s), " + merged.historyLines() + " new history line(s), "
                + merged.allureFiles() + " Allure file(s); readiness: " + merged.index());
        return DrillCommand.PASS;
    }
}
