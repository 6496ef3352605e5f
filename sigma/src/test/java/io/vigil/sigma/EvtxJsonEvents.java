package io.vigil.sigma;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads evtx_dump JSON (one or several concatenated {@code {"Event": …}} objects) into flat
 * Sigma-style events: System fields ({@code EventID}, {@code Channel}, {@code Provider_Name}, …)
 * and EventData/UserData fields at the top level. A stand-in for the telemetry module's parser.
 */
final class EvtxJsonEvents {
    /** What events read from Windows event logs declare. */
    static final LogSource WINDOWS = new LogSource("windows", null, null);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EvtxJsonEvents() {}

    static List<Map<String, Object>> read(Path file) {
        List<Map<String, Object>> events = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> it = JSON.readerFor(Map.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                events.add(flatten(it.next()));
            }
        }
        return events;
    }

    static Map<String, Object> flatten(Map<String, Object> root) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object event = root.getOrDefault("Event", root);
        if (!(event instanceof Map<?, ?> e)) {
            return out;
        }
        if (e.get("System") instanceof Map<?, ?> system) {
            system.forEach((k, v) -> put(out, String.valueOf(k), v));
        }
        if (e.get("EventData") instanceof Map<?, ?> data) {
            // Sigma field names carry no spaces ("Source Name" in Defender events is SourceName)
            data.forEach((k, v) -> put(out, String.valueOf(k).replace(" ", ""), v));
        }
        if (e.get("UserData") instanceof Map<?, ?> user) {
            leaves(user, out);
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.get("#attributes") instanceof Map<?, ?> attributes) {
                attributes.forEach((a, v) -> out.put(key + "_" + a, v));
            }
            if (m.containsKey("#text")) {
                out.put(key, m.get("#text"));
            }
            return;
        }
        if (!key.equals("#attributes")) {
            out.put(key, value);
        }
    }

    private static void leaves(Map<?, ?> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                leaves(m, out);
            } else if (!String.valueOf(k).equals("#attributes")) {
                out.put(String.valueOf(k), v);
            }
        });
    }
}
