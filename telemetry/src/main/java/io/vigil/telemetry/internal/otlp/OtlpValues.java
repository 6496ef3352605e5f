package io.vigil.telemetry.internal.otlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Converts OTLP {@code AnyValue}/{@code KeyValue} JSON into plain Java values (String, List, Map). */
final class OtlpValues {
    private OtlpValues() {}

    static Object value(JsonNode anyValue, int depth) {
        if (depth > 32 || anyValue == null || !anyValue.isObject()) {
            return "";
        }
        if (anyValue.has("stringValue")) {
            return text(anyValue.get("stringValue"));
        }
        if (anyValue.has("kvlistValue")) {
            return attributes(anyValue.get("kvlistValue").path("values"), depth + 1);
        }
        if (anyValue.has("arrayValue")) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : anyValue.get("arrayValue").path("values")) {
                items.add(value(item, depth + 1));
            }
            return items;
        }
        for (String key : List.of("intValue", "doubleValue", "boolValue", "bytesValue")) {
            if (anyValue.has(key)) {
                return text(anyValue.get(key));
            }
        }
        return "";
    }

    static Map<String, Object> attributes(JsonNode keyValues, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (keyValues != null && keyValues.isArray()) {
            for (JsonNode keyValue : keyValues) {
                String key = text(keyValue.path("key"));
                if (!key.isEmpty()) {
                    out.put(key, value(keyValue.path("value"), depth + 1));
                }
            }
        }
        return out;
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return "";
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    /** Renders a converted value as field text: lists joined with commas, maps as key=value pairs. */
    static String render(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(render(item)));
            return String.join(",", parts);
        }
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(k + "=" + render(v)));
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }
}
