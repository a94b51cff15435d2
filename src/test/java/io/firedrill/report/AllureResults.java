package io.firedrill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads an allure-results folder the way the Allure report generator does, for assertions. */
final class AllureResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AllureResults() {
    }

    static List<JsonNode> testResults(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<JsonNode> results = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                results.add(JSON.readTree(f.toFile()));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode single(Path dir, String name) {
        List<JsonNode> named = testResults(dir).stream().filter(r -> name.equals(r.path("name").asText())).toList();
        if (named.size() != 1) {
            throw new AssertionError("expected one result named " + name + " in " + dir + ", found " + named.size());
        }
        return named.get(0);
    }

    static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.path("labels").forEach(l -> {
            if (name.equals(l.path("name").asText())) {
                values.add(l.path("value").asText());
            }
        });
        return values;
    }

    static String parameter(JsonNode node, String name) {
        for (JsonNode p : node.path("parameters")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("value").asText();
            }
        }
        throw new AssertionError("no parameter " + name + " in " + node.path("parameters"));
    }

    /** The categories of categories.json a result falls in, matched as Allure 2 matches them. */
    static List<String> categoriesOf(Path dir, JsonNode result) {
        try {
            JsonNode categories = JSON.readTree(dir.resolve("categories.json").toFile());
            String status = result.path("status").asText();
            String message = result.path("statusDetails").path("message").asText("");
            List<String> matched = new ArrayList<>();
            for (JsonNode c : categories) {
                boolean statusMatches = c.path("matchedStatuses").isEmpty()
                        || textValues(c.path("matchedStatuses")).contains(status);
                boolean messageMatches = !c.has("messageRegex")
                        || Pattern.compile(c.path("messageRegex").asText(), Pattern.DOTALL).matcher(message).matches();
                if (statusMatches && messageMatches) {
                    matched.add(c.path("name").asText());
                }
            }
            return matched;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
