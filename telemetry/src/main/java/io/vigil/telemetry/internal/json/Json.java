package io.vigil.telemetry.internal.json;

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

    /** Renders a scalar node as text: strings as-is, numbers in decimal, null as empty. */
    public static String scalar(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isString() ? node.stringValue() : node.toString();
    }
}
