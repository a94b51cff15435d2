package io.firedrill.fault.toxiproxy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON as Go's encoding/json reads and writes it, because Toxiproxy's clients were written against
 * that: compact output with HTML-safe escaping, float32 printed in its shortest form, and input
 * read leniently (only the first value counts, keys match in any letter case, {@code null} leaves
 * a field as it was) but strictly typed (1.5 is no int64).
 */
final class GoJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    // ---- writing ------------------------------------------------------------------------------

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(out, c);
                    } else if (Character.isSurrogate(c) && !validSurrogatePair(value, i)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) {
                            out.append(value.charAt(++i));
                        }
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean validSurrogatePair(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }

    /** A float32 the way Go's encoder prints it: shortest digits, exponent only outside [1e-6, 1e21). */
    static String float32(float value) {
        if (value == 0f) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(Float.toString(value)).stripTrailingZeros();
        float magnitude = Math.abs(value);
        if (magnitude >= 1e-6f && magnitude < 1e21f) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    // ---- reading ------------------------------------------------------------------------------

    /** The first JSON value of a request body, as Go's {@code json.Decoder.Decode} reads it. */
    static JsonNode readFirstValue(byte[] body) throws ApiError {
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                throw ApiError.badRequestBody("EOF");
            }
            JsonNode node = MAPPER.readTree(parser);
            return node == null ? NullNode.getInstance() : node;
        } catch (JsonEOFException e) {
            throw ApiError.badRequestBody("unexpected EOF");
        } catch (JsonProcessingException e) {
            throw ApiError.badRequestBody(syntaxMessage(e));
        } catch (IOException e) {
            throw ApiError.badRequestBody(e.getMessage());
        }
    }

    private static String syntaxMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int quote = message.indexOf("('");
        if (message.startsWith("Unexpected character") && quote >= 0 && message.length() > quote + 2) {
            return "invalid character '" + message.charAt(quote + 2) + "' looking for beginning of value";
        }
        return message.lines().findFirst().orElse("invalid JSON").toLowerCase(Locale.ROOT);
    }

    /** Go's name for the JSON kind of a value, as its type errors print it. */
    static String kind(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        return value.isArray() ? "array" : "object";
    }

    static ApiError typeError(JsonNode value, String goValueType) {
        return ApiError.badRequestBody("json: cannot unmarshal " + kind(value) + " into Go value of type " + goValueType);
    }

    /**
     * The fields of a JSON object decoded into a Go struct: each known field name maps to the value
     * of the last key that equals it ignoring case; {@code null} values are left out, as they leave
     * a Go field untouched. A JSON {@code null} in place of the object decodes to no fields.
     */
    static Fields fields(JsonNode object, String goPackage, String goStruct, Set<String> known) throws ApiError {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (object.isNull()) {
            return new Fields(goStruct, values);
        }
        if (!object.isObject()) {
            throw typeError(object, goPackage + "." + goStruct);
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String field = fieldFor(entry.getKey(), known);
            if (field != null && !entry.getValue().isNull()) {
                values.put(field, entry.getValue());
            }
        }
        return new Fields(goStruct, values);
    }

    private static String fieldFor(String key, Set<String> known) {
        if (known.contains(key)) {
            return key;
        }
        for (String field : known) {
            if (field.equalsIgnoreCase(key)) {
                return field;
            }
        }
        return null;
    }

    /** Typed access to decoded fields, with Go's type errors. */
    record Fields(String goStruct, Map<String, JsonNode> values) {

        boolean has(String field) {
            return values.containsKey(field);
        }

        JsonNode node(String field) {
            return values.get(field);
        }

        String string(String field, String otherwise) throws ApiError {
            JsonNode value = values.get(field);
            if (value == null) {
                return otherwise;
            }
            if (!value.isTextual()) {
                throw fieldError(field, value, "string");
            }
            return value.textValue();
        }

        boolean bool(String field, boolean otherwise) throws ApiError {
            JsonNode value = values.get(field);
            if (value == null) {
                return otherwise;
            }
            if (!value.isBoolean()) {
                throw fieldError(field, value, "bool");
            }
            return value.booleanValue();
        }

        long int64(String field, long otherwise, String goType) throws ApiError {
            JsonNode value = values.get(field);
            if (value == null) {
                return otherwise;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw fieldError(field, value, goType);
            }
            return value.longValue();
        }

        float float32(String field, float otherwise) throws ApiError {
            JsonNode value = values.get(field);
            if (value == null) {
                return otherwise;
            }
            if (!value.isNumber()) {
                throw fieldError(field, value, "float32");
            }
            double number = value.doubleValue();
            if (Math.abs(number) > Float.MAX_VALUE) {
                throw fieldError(field, value, "float32");
            }
            return (float) number;
        }

        private ApiError fieldError(String field, JsonNode value, String goType) {
            String what = value.isNumber() && !goType.equals("string") && !goType.equals("bool")
                    ? "number " + value.asText() : kind(value);
            return ApiError.badRequestBody("json: cannot unmarshal " + what + " into Go struct field "
                    + goStruct + "." + field + " of type " + goType);
        }
    }
}
