package io.firedrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.firedrill.kafka.KafkaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * scenarios/scenario.schema.json gives editors completion and hover help; the Java validator
 * is the authority. The schema must accept every valid file and refuse what it can judge on its
 * own (keys, types, ranges, enums), and name the same fault types and await conditions as Java.
 */
class ScenarioSchemaTest {

    private static final Path SCHEMA_FILE = Path.of("scenarios/scenario.schema.json");
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA_FILE)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in, InputFormat.JSON);
        }
    }

    @TestFactory
    Stream<DynamicTest> theSchemaAcceptsEveryValidScenario() {
        return Stream.concat(ScenarioLibrary.files(Path.of("scenarios")).stream(),
                        ScenarioLibrary.files(Path.of("src/test/resources/valid-scenarios")).stream())
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> assertThat(schemaErrorsWithAnchorsResolved(file)).isEmpty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"misspelt-keys", "unknown-keys", "wrong-types", "out-of-range", "bad-durations", "bad-name",
            "step-shapes", "fault-attributes", "fault-target-mismatch", "toxicity", "clusters", "tags-and-severity",
            "missing-sections", "empty-steps", "restore-without-backup", "expectations", "restored-records", "detection",
            "traffic-shapes", "await-conditions", "producer-settings"})
    void theSchemaRefusesMistakesItCanSeeAlone(String brokenFile) {
        assertThat(schemaErrors(Path.of("src/test/resources/broken-scenarios", brokenFile + ".yaml"))).isNotEmpty();
    }

    @Test
    void theSchemaNamesTheSameFaultTypesAndAwaitConditionsAsTheValidator() throws IOException {
        JsonNode steps = new ObjectMapper().readTree(SCHEMA_FILE.toFile()).at("/properties/steps/items/oneOf");
        JsonNode fault = step(steps, "fault");
        JsonNode await = step(steps, "await");

        assertThat(stream(fault.at("/oneOf")).map(type -> type.at("/properties/type/const").asText()))
                .containsExactlyElementsOf(Arrays.stream(FaultType.values()).map(Keyword::keyword).toList());
        assertThat(stream(await.at("/oneOf/0/enum")).map(JsonNode::asText))
                .containsExactlyElementsOf(Arrays.stream(AwaitCondition.values()).map(Keyword::keyword).toList());
        assertThat(stream(steps).map(s -> s.at("/required/0").asText()))
                .containsExactlyElementsOf(Arrays.stream(StepKind.values()).map(Keyword::keyword).toList());
    }

    @Test
    void theSchemaOffersExactlyTheSupportedKafkaVersions() throws IOException {
        JsonNode root = new ObjectMapper().readTree(SCHEMA_FILE.toFile());
        List<String> supported = KafkaVersion.SUPPORTED.stream().map(KafkaVersion::toString).toList();

        for (String place : List.of("/properties/clusters/properties/primary/oneOf/1/properties/kafka",
                "/properties/clusters/properties/backup/oneOf/1/properties/kafka",
                "/properties/replication/properties/mirrormaker/properties/kafka")) {
            assertThat(stream(root.at(place + "/enum")).map(JsonNode::asText)).as(place).containsExactlyElementsOf(supported);
            assertThat(root.at(place + "/default").asText()).as(place).isEqualTo(KafkaVersion.HARNESS.toString());
        }
    }

    private static JsonNode step(JsonNode steps, String keyword) {
        return stream(steps).filter(s -> s.at("/required/0").asText().equals(keyword)).findFirst().orElseThrow()
                .at("/properties/" + keyword);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** Jackson's YAML reader leaves aliases and merge keys unresolved; editors and the validator resolve them. */
    private static List<Error> schemaErrorsWithAnchorsResolved(Path file) throws IOException {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        return schema.validate(new ObjectMapper().valueToTree(document));
    }

    private static List<Error> schemaErrors(Path file) {
        try {
            return schema.validate(Files.readString(file), InputFormat.YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
