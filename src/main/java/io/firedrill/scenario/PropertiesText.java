package io.firedrill.scenario;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A {@code .properties} text read entry by entry with the position of each key and value, so a
 * problem in a team's mm2.properties is reported at its {@code FILE:LINE:COL}. Keys and values
 * mean exactly what {@link Properties#load} makes of them (escapes, continuation lines).
 */
final class PropertiesText {

    /** One key and its value, with 1-based positions of both in the text. */
    record Property(String key, String value, YamlTree.Mark keyAt, YamlTree.Mark valueAt) {}

    private PropertiesText() {
    }

    static List<Property> read(String text) {
        List<String> lines = text.lines().toList();
        List<Property> properties = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String first = lines.get(i);
            int start = firstNonBlank(first);
            if (start < 0 || first.charAt(start) == '#' || first.charAt(start) == '!') {
                continue;
            }
            int firstLine = i;
            StringBuilder logical = new StringBuilder(first);
            while (endsInContinuation(lines.get(i)) && i + 1 < lines.size()) {
                logical.append('\n').append(lines.get(++i));
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalArgumentException malformedEscape) {
                properties.add(new Property(first.strip(), null, new YamlTree.Mark(firstLine + 1, start + 1),
                        new YamlTree.Mark(firstLine + 1, start + 1)));
                continue;
            }
            String key = one.stringPropertyNames().iterator().next();
            properties.add(new Property(key, one.getProperty(key), new YamlTree.Mark(firstLine + 1, start + 1),
                    new YamlTree.Mark(firstLine + 1, valueColumn(first, start) + 1)));
        }
        return properties;
    }

    private static int firstNonBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** An odd number of trailing backslashes continues the entry on the next line. */
    private static boolean endsInContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** 0-based column where the value starts on the entry's first line (its end when the value is empty there). */
    private static int valueColumn(String line, int keyStart) {
        int i = keyStart;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i < line.length() && (line.charAt(i) == '=' || line.charAt(i) == ':')) {
            i++;
        }
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return Math.min(i, line.length());
    }
}
