package io.firedrill.scenario;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads scenario files (the format of SCENARIO-FORMAT.md) into {@link Scenario}s. A file with any
 * problem gives no scenario, only its problems, all of them, found in one pass.
 */
public final class ScenarioParser {

    /** A scenario is a few kilobytes; a bigger file is a mistake (or an attack) read no further. */
    static final long MAX_BYTES = 1 << 20;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ScenarioParser() {
    }

    /** Reads and checks {@code file}; problems name it as given. Unreadable files are one problem. */
    public static ScenarioFile parse(Path file) {
        String label = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return unreadable(label, 1, 1, String.format("the file is %,d bytes; a scenario file is at most %,d"
                        + " (1 MiB): is this the right file?", size, MAX_BYTES));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return unreadable(label, 1, 1, whyUnreadable(file, e));
        }
        return decode(label, bytes);
    }

    /**
     * The file's text as UTF-8, a leading byte-order mark dropped (editors on Windows write one);
     * anything else that is not UTF-8 is one problem at the first byte that is not.
     */
    private static ScenarioFile decode(String label, byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)) {
            return unreadable(label, 1, 1, "the file is UTF-16 text (it starts with a UTF-16 byte-order mark);"
                    + " save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            String before = out.flip().toString();
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
            return unreadable(label, line, column, String.format("the file is not UTF-8 text: byte 0x%02X at offset %d"
                    + " is not UTF-8 (binary, or another encoding); save it as UTF-8", bytes[in.position()] & 0xFF, in.position()));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return parse(label, !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text);
    }

    private static ScenarioFile unreadable(String label, int line, int column, String message) {
        return new ScenarioFile(label, Optional.empty(), List.of(new Problem(label, line, column, message)));
    }

    /**
     * Checks {@code text} as the content of a file called {@code file} (its name must be the
     * scenario's name plus {@code .yaml}); problems name {@code file}.
     */
    public static ScenarioFile parse(String file, String text) {
        Problems problems = new Problems(file);
        Optional<Scenario> scenario = YamlTree.read(text, problems)
                .flatMap(root -> new ScenarioReader(file, text, problems).read(root));
        return new ScenarioFile(file, problems.isEmpty() ? scenario : Optional.empty(), problems.sorted());
    }

    /** The scenario in {@code file}; an {@link InvalidScenarioException} with every problem if it has any. */
    public static Scenario load(Path file) {
        return parse(file).orThrow();
    }

    private static String whyUnreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read the file: permission denied";
        }
        return Files.isDirectory(file) ? "is a directory, not a scenario file" : "cannot read the file: " + e.getMessage();
    }
}
