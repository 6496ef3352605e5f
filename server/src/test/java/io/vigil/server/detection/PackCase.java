package io.vigil.server.detection;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TenantId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One test event of a pack rule's {@code <rule>.events.yml}: a Windows record (a flat object as
 * NXLog/Winlogbeat ship it, parsed by the telemetry module's JSON-lines parser) or raw auditd
 * lines (parsed by its auditd parser), so the rule sees the canonical event the pipeline would.
 *
 * @param rule the rule file the case belongs to
 * @param match whether the rule must fire ({@code match:}) or must not ({@code nomatch:})
 * @param name what the case shows
 * @param also other pack rules the event is expected to fire as well (match cases only)
 */
record PackCase(
        String rule,
        boolean match,
        String name,
        @Nullable Map<String, Object> windows,
        @Nullable String auditd,
        List<String> also) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    PackCase {
        also = List.copyOf(also);
        if ((windows == null) == (auditd == null)) {
            throw new IllegalArgumentException(rule + " / " + name + ": give exactly one of windows: or auditd:");
        }
    }

    /** The canonical event, through the real parser; fails unless the input is exactly one clean event. */
    CanonicalEvent event() {
        TenantId tenant = new TenantId("pack-test");
        ParseResult result;
        if (windows != null) {
            Map<String, Object> record = new LinkedHashMap<>(windows);
            record.putIfAbsent("Hostname", "ws1.corp.example");
            record.putIfAbsent("TimeCreated", "2026-11-28T10:00:00Z");
            byte[] line = JSON.writeValueAsBytes(record);
            result = Parsers.forFormat(SourceFormat.JSON_LINES)
                    .parseAll(new ByteArrayInputStream(line), ParseContext.offline(tenant, rule, CLOCK));
        } else {
            byte[] text = String.valueOf(auditd).getBytes(StandardCharsets.UTF_8);
            result = Parsers.forFormat(SourceFormat.AUDITD)
                    .parseAll(new ByteArrayInputStream(text), ParseContext.offline(tenant, rule, CLOCK));
        }
        if (result.errorCount() != 0 || result.events().size() != 1) {
            throw new IllegalStateException(rule + " / " + name + ": expected one event without errors, got "
                    + result.events().size() + " events and " + result.errorCount() + " errors: " + result);
        }
        return result.events().get(0);
    }

    @Override
    public String toString() {
        return rule + (match ? " matches " : " does not match ") + name;
    }

    /** Reads the cases of one events file (already parsed YAML). */
    @SuppressWarnings("unchecked")
    static List<PackCase> read(String rule, Map<String, Object> doc) {
        List<PackCase> cases = new ArrayList<>();
        for (String section : List.of("match", "nomatch")) {
            Object list = doc.get(section);
            if (!(list instanceof List<?> items)) {
                continue;
            }
            for (Object item : items) {
                Map<String, Object> c = (Map<String, Object>) item;
                cases.add(new PackCase(
                        rule,
                        section.equals("match"),
                        String.valueOf(c.get("name")),
                        (Map<String, Object>) c.get("windows"),
                        (String) c.get("auditd"),
                        c.get("also") instanceof List<?> a
                                ? a.stream().map(String::valueOf).toList()
                                : List.of()));
            }
        }
        return cases;
    }
}
