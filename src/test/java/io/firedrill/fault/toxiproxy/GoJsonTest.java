package io.firedrill.fault.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JSON written and read the way Go's encoding/json does, which Toxiproxy's clients were built against. */
class GoJsonTest {

    @Test
    void float32PrintsInGosShortestForm() {
        assertThat(GoJson.float32(1f)).isEqualTo("1");
        assertThat(GoJson.float32(0f)).isEqualTo("0");
        assertThat(GoJson.float32(0.5f)).isEqualTo("0.5");
        assertThat(GoJson.float32(0.2f)).isEqualTo("0.2");
        assertThat(GoJson.float32(0.1f)).isEqualTo("0.1");
        assertThat(GoJson.float32(-1.25f)).isEqualTo("-1.25");
        assertThat(GoJson.float32(123456.5f)).isEqualTo("123456.5");
        assertThat(GoJson.float32(1e-7f)).isEqualTo("1e-7");
        assertThat(GoJson.float32(2.5e22f)).isEqualTo("2.5e+22");
    }

    @Test
    void stringsAreEscapedHtmlSafeLikeGo() {
        assertThat(GoJson.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoJson.quote("<tag>&")).isEqualTo("\"\\u003ctag\\u003e\\u0026\"");
        assertThat(GoJson.quote("line\nbreak\ttab\u0001")).isEqualTo("\"line\\nbreak\\ttab\\u0001\"");
        assertThat(GoJson.quote("ünïcode ✓ 😀")).isEqualTo("\"ünïcode ✓ 😀\"");
        assertThat(GoJson.quote("\u2028")).isEqualTo("\"\\u2028\"");
        assertThat(GoJson.quote("broken\ud800")).isEqualTo("\"broken\\ufffd\"");
    }

    @Test
    void onlyTheFirstValueOfABodyCounts() throws ApiError {
        assertThat(GoJson.readFirstValue("{\"a\":1} trailing garbage".getBytes(StandardCharsets.UTF_8)).get("a").asInt()).isEqualTo(1);
    }

    @Test
    void emptyAndTruncatedBodiesAreRefusedWithGosWords() {
        assertThatThrownBy(() -> GoJson.readFirstValue(new byte[0])).hasMessage("bad request body: EOF");
        assertThatThrownBy(() -> GoJson.readFirstValue("{\"a\":".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("bad request body: unexpected EOF");
        assertThatThrownBy(() -> GoJson.readFirstValue("xyz".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("bad request body: invalid character 'x' looking for beginning of value");
        assertThatThrownBy(() -> GoJson.readFirstValue("{\"a\" 1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("bad request body: invalid character '1' after object key");
        assertThatThrownBy(() -> GoJson.readFirstValue("{\"a\":1 \"b\":2}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("bad request body: invalid character '\"' after object key:value pair");
    }

    @Test
    void fieldsMatchIgnoringCaseNullKeepsTheDefaultAndTypesAreStrict() throws ApiError {
        GoJson.Fields fields = GoJson.fields(GoJson.readFirstValue(
                "{\"NAME\":\"x\",\"listen\":null,\"enabled\":false,\"other\":1}".getBytes(StandardCharsets.UTF_8)),
                "toxiproxy", "Proxy", Set.of("name", "listen", "enabled"));

        assertThat(fields.string("name", "")).isEqualTo("x");
        assertThat(fields.string("listen", "kept")).isEqualTo("kept");
        assertThat(fields.bool("enabled", true)).isFalse();
        assertThatThrownBy(() -> fields.int64("name", 0, "int64"))
                .hasMessage("bad request body: json: cannot unmarshal string into Go struct field Proxy.name of type int64");
    }

    @Test
    void int64FieldsRefuseFractionsAndOverflow() throws ApiError {
        GoJson.Fields fields = GoJson.fields(GoJson.readFirstValue(
                "{\"a\":1.5,\"b\":99999999999999999999,\"c\":-7}".getBytes(StandardCharsets.UTF_8)),
                "toxics", "LatencyToxic", Set.of("a", "b", "c"));

        assertThat(fields.int64("c", 0, "int64")).isEqualTo(-7);
        assertThatThrownBy(() -> fields.int64("a", 0, "int64")).hasMessageContaining("cannot unmarshal number 1.5");
        assertThatThrownBy(() -> fields.int64("b", 0, "int64")).hasMessageContaining("cannot unmarshal number 99999999999999999999");
    }
}
