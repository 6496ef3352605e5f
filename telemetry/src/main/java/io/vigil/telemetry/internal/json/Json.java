package io.vigil.telemetry.internal.json;

import io.vigil.telemetry.FieldMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared, immutable Jackson mapper, with limits that keep hostile input from exhausting memory. */
public final class Json {
    /** Longest string value accepted (a very long command line or script block still fits). */
    public static final int MAX_STRING = 8 * 1024 * 1024;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(MAX_STRING)
                            .maxNestingDepth(200)
                            .maxDocumentLength(64L * 1024 * 1024)
                            .build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /**
     * Reads one JSON object's top-level members as text, streaming (no tree for flat objects):
     * strings as-is, integers in decimal, {@code null} as empty, other values (floats, booleans,
     * objects, arrays) as their compact JSON, exactly as {@link #scalar} renders their tree. Members
     * with an empty name are left out.
     *
     * @param text the JSON text
     * @param skip member names to leave out (read with {@code into} instead)
     * @param into receives the skipped members' scalar values
     * @param fields receives the other members in document order (a repeated name keeps its first
     *     position and last value)
     * @throws JacksonException when the text is not JSON
     * @throws IllegalArgumentException when it is JSON but not an object
     */
    public static void flatObject(String text, Set<String> skip, Map<String, String> into, FieldMap.Builder fields) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            flatObject(parser, skip, into, fields);
        }
    }

    /**
     * Like {@link #flatObject(String, Set, Map, FieldMap.Builder)}, reading UTF-8 bytes directly
     * (no decoded {@code String} of the whole text); malformed UTF-8 is a {@link JacksonException}.
     */
    public static void flatObject(
            byte[] utf8, int offset, int length, Set<String> skip, Map<String, String> into, FieldMap.Builder fields) {
        try (JsonParser parser = MAPPER.createParser(utf8, offset, length)) {
            flatObject(parser, skip, into, fields);
        }
    }

    private static void flatObject(
            JsonParser parser, Set<String> skip, Map<String, String> into, FieldMap.Builder fields) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("line is not a JSON object");
        }
        JsonToken token = parser.nextToken();
        for (; token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            String rendered = switch (value) {
                case VALUE_STRING -> parser.getString();
                case VALUE_NULL -> "";
                case VALUE_NUMBER_INT -> parser.getNumberValue().toString();
                default -> {
                    JsonNode node = parser.readValueAsTree();
                    yield node.isNull() ? "" : node.toString();
                }
            };
            if (skip.contains(name)) {
                into.put(name, value.isScalarValue() ? rendered : "");
            } else if (!name.isEmpty()) {
                fields.put(name, rendered);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException("the JSON object is not closed");
        }
    }

    /** Renders a scalar node as text: strings as-is, numbers in decimal, null as empty. */
    public static String scalar(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isString() ? node.stringValue() : node.toString();
    }
}
