package io.firedrill.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A stand-in harness for {@link ApplicationParentDeathTest}: starts a two-process shell pipeline
 * as an application, pauses it when asked, prints the pids of all its processes and waits to be
 * killed.
 */
public final class ApplicationOrphanProbe {

    private ApplicationOrphanProbe() {}

    public static void main(String[] args) throws Exception {
        Path log = Files.createTempDirectory("application-probe").resolve("app.log");
        ChildCommand app = ChildCommand.start("probe-app", List.of("sh", "-c", "sleep 1000 | sleep 1001"), Map.of(), log);
        while (app.processes().stream().filter(p -> p.info().command().orElse("").endsWith("sleep")).count() < 2) {
            Thread.sleep(20);
        }
        if (args.length > 0 && args[0].equals("pause")) {
            app.pause();
        }
        System.out.println("APP_PIDS=" + app.processes().stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
