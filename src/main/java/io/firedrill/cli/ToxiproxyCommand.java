package io.firedrill.cli;

import io.firedrill.fault.toxiproxy.EmbeddedToxiproxy;
import io.firedrill.support.BadInputException;
import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;

/** {@code drill toxiproxy}: the embedded Toxiproxy-compatible server in the foreground, for any Toxiproxy client. */
@Command(name = "toxiproxy", mixinStandardHelpOptions = true,
        description = "Run the embedded Toxiproxy-compatible server (Toxiproxy's HTTP API) in the foreground until SIGTERM/SIGINT.")
final class ToxiproxyCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8474",
            description = "Address of the HTTP API (default 127.0.0.1:8474).")
    private String listen;

    @Override
    public Integer call() throws InterruptedException {
        // standalone, the server tells what it does, as toxiproxy-server does
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.firedrill.fault.toxiproxy")).setLevel(Level.INFO);
        InetSocketAddress address;
        try {
            address = EmbeddedToxiproxy.parseListenAddress(listen);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--listen " + listen + ": " + e.getMessage() + "; give HOST:PORT, e.g. 127.0.0.1:8474");
        }
        try {
            EmbeddedToxiproxy.runForeground(address);
            return DrillCommand.PASS;
        } catch (IOException e) {
            throw new BadInputException("cannot serve the Toxiproxy API on " + listen + ": " + e.getMessage()
                    + " (is the port taken? choose another with --listen)", e);
        }
    }
}
