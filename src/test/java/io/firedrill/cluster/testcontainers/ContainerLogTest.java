package io.firedrill.cluster.testcontainers;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log of a broker container across restarts, fed the way Docker feeds it: every attach
 * replays the container's whole output, each line stamped with the time Docker received it.
 */
class ContainerLogTest {

    private static final String FIRST_RUN_START = "2026-03-01T10:00:00.100000000Z ";

    @TempDir
    Path dir;

    @Test
    void aRestartAppendsOnlyWhatTheNewRunWrote() throws IOException {
        try (ContainerLog log = new ContainerLog(dir.resolve("broker-0.log"))) {
            List<String> firstRun = List.of(
                    FIRST_RUN_START + "===> Launching ...",
                    "2026-03-01T10:00:02.500000000Z [BrokerServer id=0] Kafka Server started",
                    "2026-03-01T10:00:09.000000000Z [BrokerServer id=0] shutting down");
            feed(log.resumingSink(), firstRun);
            long restartOffset = log.size();

            Consumer<OutputFrame> afterRestart = log.resumingSink();
            // the engine replays the first run (from the same second on) before the new output
            feed(afterRestart, firstRun);
            assertThat(log.contains(restartOffset, ContainerKafkaBroker.STARTED_LINE)).isFalse();
            feed(afterRestart, List.of("2026-03-01T10:00:09.000000001Z ===> Launching ..."));
            assertThat(log.contains(restartOffset, ContainerKafkaBroker.STARTED_LINE)).isFalse();
            feed(afterRestart, List.of("2026-03-01T10:00:12.000000000Z [BrokerServer id=0] Kafka Server started"));
            assertThat(log.contains(restartOffset, ContainerKafkaBroker.STARTED_LINE)).isTrue();

            assertThat(Files.readAllLines(log.file())).containsExactly(
                    "===> Launching ...",
                    "[BrokerServer id=0] Kafka Server started",
                    "[BrokerServer id=0] shutting down",
                    "===> Launching ...",
                    "[BrokerServer id=0] Kafka Server started");
        }
    }

    @Test
    void withinOneRunLinesStayEvenWhenStderrIsStampedBeforeTheLastStdoutLine() throws IOException {
        try (ContainerLog log = new ContainerLog(dir.resolve("broker-1.log"))) {
            feed(log.resumingSink(), List.of(
                    "2026-03-01T10:00:01.000000500Z stdout line",
                    "2026-03-01T10:00:01.000000100Z stderr line, read a moment later",
                    "no stamp at all"));
            assertThat(log.tail(10)).containsExactly("stdout line", "stderr line, read a moment later", "no stamp at all");
        }
    }

    @Test
    void framesCutMidLineBecomeWholeLines() throws IOException {
        try (ContainerLog log = new ContainerLog(dir.resolve("broker-2.log"))) {
            FrameConsumerResultCallback callback = new FrameConsumerResultCallback();
            Consumer<OutputFrame> sink = log.resumingSink();
            callback.addConsumer(OutputFrame.OutputType.STDOUT, sink);
            callback.addConsumer(OutputFrame.OutputType.STDERR, sink);
            callback.onNext(frame(StreamType.STDOUT, FIRST_RUN_START + "Kafka Ser"));
            callback.onNext(frame(StreamType.STDOUT, "ver started\n2026-03-01T10:00:00.2Z next\n"));
            callback.onNext(frame(StreamType.STDERR, "2026-03-01T10:00:00.3Z ERROR boom\n"));
            callback.close();

            assertThat(log.tail(10)).containsExactly("Kafka Server started", "next", "ERROR boom");
            assertThat(log.following()).isFalse();
        }
    }

    @Test
    void aStampedLineIsSplitIntoTimeAndText() {
        ContainerLog.StampedLine line = ContainerLog.StampedLine.parse("2026-03-01T10:00:00.123456789Z [Broker] up  ");
        assertThat(line.at()).hasToString("2026-03-01T10:00:00.123456789Z");
        assertThat(line.text()).isEqualTo("[Broker] up  ");
        assertThat(ContainerLog.StampedLine.parse("plain text").at()).isNull();
        assertThat(ContainerLog.StampedLine.parse("plain text").text()).isEqualTo("plain text");
    }

    private static void feed(Consumer<OutputFrame> sink, List<String> lines) {
        lines.forEach(line -> sink.accept(new OutputFrame(OutputFrame.OutputType.STDOUT,
                (line + "\n").getBytes(StandardCharsets.UTF_8))));
    }

    private static Frame frame(StreamType type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }
}
