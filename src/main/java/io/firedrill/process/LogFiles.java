package io.firedrill.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reading process logs without loading them whole: tails and the search for a startup line. */
public final class LogFiles {

    private static final int TAIL_WINDOW = 64 * 1024;

    private LogFiles() {}

    /** The last {@code lines} lines (fewer if the file is shorter; none if it does not exist). */
    public static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int window = (int) Math.min(length, TAIL_WINDOW);
            byte[] bytes = new byte[window];
            raf.seek(length - window);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int from = Math.max(window < length ? 1 : 0, all.length - lines); // the first line may be cut
            return List.copyOf(Arrays.asList(all).subList(from, all.length));
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** True when a line of the file from {@code offset} on contains {@code text}. */
    public static boolean contains(Path file, long offset, String text) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length <= offset) {
                return false;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, Integer.MAX_VALUE - 8)];
            raf.seek(offset);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Where new output will start: the current size, 0 for a missing file. */
    public static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
