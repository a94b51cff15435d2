package io.firedrill.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The team's own application in a drill: a command of any language started as a child of the
 * harness, fed from {@code input} and read back from {@code output}. {@code env} values are
 * templates ({@code ${bootstrap}}, {@code ${input}}, {@code ${output}}, {@code ${group}},
 * {@code ${name}}) filled in at each start; {@code rate} is how many records per second the
 * harness writes to {@code input}.
 */
public record ApplicationSpec(String name, List<String> command, Map<String, String> env, String input, String output,
                              String group, ApplicationReadiness ready, ApplicationPolicy policy, int rate) {

    public static final int DEFAULT_RATE = 50;
    /** What {@code env} values may contain, in the order the docs list them. */
    public static final List<String> PLACEHOLDERS = List.of("bootstrap", "input", "output", "group", "name");

    public ApplicationSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env)); // in file order, as the docs show it
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * The environment of one start against {@code bootstrapServers}: the {@code FIREDRILL_*}
     * variables every application gets, then {@code env} with its placeholders filled in (so a
     * team can map them to the names its service already reads).
     */
    public Map<String, String> environment(String bootstrapServers) {
        Map<String, String> values = Map.of("bootstrap", bootstrapServers, "input", input, "output", output, "group", group,
                "name", name);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FIREDRILL_BOOTSTRAP_SERVERS", bootstrapServers);
        environment.put("FIREDRILL_INPUT_TOPIC", input);
        environment.put("FIREDRILL_OUTPUT_TOPIC", output);
        environment.put("FIREDRILL_GROUP", group);
        env.forEach((key, template) -> {
            String value = template;
            for (String placeholder : PLACEHOLDERS) {
                value = value.replace("${" + placeholder + "}", values.get(placeholder));
            }
            environment.put(key, value);
        });
        return environment;
    }

    /** How fault steps and reports name it: {@code application/NAME}. */
    public Target.Application target() {
        return new Target.Application(name);
    }
}
