package io.firedrill.bench;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.firedrill.fault.toxiproxy.EmbeddedToxiproxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the embedded Toxiproxy costs on the Kafka path and how exactly its toxics act, against
 * loopback peers: {@code throughput} (256 KiB writes to a sink) and {@code roundTrip} (64-byte
 * ping-pong) with {@code path} = direct or proxied; {@code latencyToxic} round trips through a
 * downstream latency toxic (compare with {@code latencyMs}); {@code bandwidthToxic} time to move
 * 1 MB through an upstream bandwidth toxic (compare with 1,000,000 / rate ms).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EmbeddedToxiproxyBenchmark {

    private static final int BLOCK_BYTES = 256 * 1024;
    private static final int PING_BYTES = 64;
    private static final int BANDWIDTH_PAYLOAD = 1_000_000;

    /** Loopback peers and one embedded Toxiproxy for a whole trial. */
    @State(Scope.Benchmark)
    public static class Servers {
        LoopbackPeers peers;
        EmbeddedToxiproxy toxiproxy;
        ToxiproxyClient client;

        @Setup(Level.Trial)
        public void start() throws IOException {
            peers = new LoopbackPeers();
            toxiproxy = EmbeddedToxiproxy.start(new InetSocketAddress("127.0.0.1", 0));
            client = new ToxiproxyClient(toxiproxy.address().getHostString(), toxiproxy.address().getPort());
        }

        Proxy proxy(String name, InetSocketAddress upstream) throws IOException {
            return client.createProxy(name, "127.0.0.1:0", ToxiproxyOverheadReport.hostPort(upstream));
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException, InterruptedException {
            toxiproxy.close();
            peers.close();
        }
    }

    /** One connection to the sink and one to the echo server, straight or through a plain proxy. */
    @State(Scope.Thread)
    public static class Connections {
        @Param({"direct", "proxied"})
        public String path;

        SocketChannel sink;
        SocketChannel echo;
        final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_BYTES);
        final ByteBuffer ping = ByteBuffer.allocateDirect(PING_BYTES);
        final ByteBuffer pong = ByteBuffer.allocateDirect(PING_BYTES);

        @Setup(Level.Trial)
        public void connect(Servers servers) throws IOException {
            InetSocketAddress sinkAddress = servers.peers.sinkAddress();
            InetSocketAddress echoAddress = servers.peers.echoAddress();
            if (path.equals("proxied")) {
                sinkAddress = ToxiproxyOverheadReport.address(servers.proxy("sink", sinkAddress).getListen());
                echoAddress = ToxiproxyOverheadReport.address(servers.proxy("echo", echoAddress).getListen());
            }
            sink = LoopbackPeers.connect(sinkAddress);
            echo = LoopbackPeers.connect(echoAddress);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            sink.close();
            echo.close();
        }
    }

    /** A connection to the echo server through a downstream latency toxic. */
    @State(Scope.Thread)
    public static class LatencyToxic {
        @Param({"10", "50"})
        public long latencyMs;

        SocketChannel echo;
        final ByteBuffer ping = ByteBuffer.allocateDirect(PING_BYTES);
        final ByteBuffer pong = ByteBuffer.allocateDirect(PING_BYTES);

        @Setup(Level.Trial)
        public void connect(Servers servers) throws IOException {
            Proxy proxy = servers.proxy("latency-" + latencyMs, servers.peers.echoAddress());
            proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, latencyMs);
            echo = LoopbackPeers.connect(ToxiproxyOverheadReport.address(proxy.getListen()));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            echo.close();
        }
    }

    /** A connection to the sink through an upstream bandwidth toxic. */
    @State(Scope.Thread)
    public static class BandwidthToxic {
        @Param({"10000"})
        public long rateKBps;

        LoopbackPeers peers;
        SocketChannel sink;
        final ByteBuffer payload = ByteBuffer.allocateDirect(BANDWIDTH_PAYLOAD);

        @Setup(Level.Trial)
        public void connect(Servers servers) throws IOException {
            peers = servers.peers;
            Proxy proxy = servers.proxy("bandwidth-" + rateKBps, servers.peers.sinkAddress());
            proxy.toxics().bandwidth("bandwidth", ToxicDirection.UPSTREAM, rateKBps);
            sink = LoopbackPeers.connect(ToxiproxyOverheadReport.address(proxy.getListen()));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            sink.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int throughput(Connections connections) throws IOException {
        ByteBuffer block = connections.block;
        block.clear();
        while (block.hasRemaining()) {
            connections.sink.write(block);
        }
        return BLOCK_BYTES;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void roundTrip(Connections connections) throws IOException {
        LoopbackPeers.pingPong(connections.echo, connections.ping, connections.pong);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Measurement(iterations = 5, time = 3)
    public void latencyToxic(LatencyToxic toxic) throws IOException {
        LoopbackPeers.pingPong(toxic.echo, toxic.ping, toxic.pong);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 3)
    public long bandwidthToxic(BandwidthToxic toxic) throws IOException {
        long target = toxic.peers.sunk() + BANDWIDTH_PAYLOAD;
        toxic.payload.clear();
        while (toxic.payload.hasRemaining()) {
            toxic.sink.write(toxic.payload);
        }
        while (toxic.peers.sunk() < target) {
            LockSupport.parkNanos(100_000);
        }
        return target;
    }
}
