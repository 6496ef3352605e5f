package io.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The log's binary form keeps every part of an event and refuses anything else precisely. */
class EventCodecTest {

    @Test
    void shouldRoundTripEventsOfEveryTextFormat() throws IOException {
        List<CanonicalEvent> events = new ArrayList<>();
        for (String name : List.of(
                "internal/auditd/mixed.log",
                "internal/json/ecs.ndjson",
                "internal/json/nxlog.jsonl",
                "internal/otlp/logs.json",
                "internal/xml/wevtutil.xml")) {
            byte[] input = Fixtures.read(EventCodecTest.class, name);
            SourceFormat format = Parsers.detect(input).orElseThrow();
            events.addAll(Parsers.forFormat(format)
                    .parseAll(new ByteArrayInputStream(input), TestContexts.offline(name))
                    .events());
        }
        assertThat(events).hasSizeGreaterThan(10);
        assertThat(events).anyMatch(e -> e.envelope().origin() instanceof EventOrigin.Windows);
        assertThat(events).anyMatch(e -> e.envelope().origin() instanceof EventOrigin.Linux);
        for (CanonicalEvent event : events) {
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void shouldRoundTripRealEvtxEvents() throws IOException {
        Path root = SharedData.require("datasets/sigma/regression_data/rules/windows/process_creation");
        Path evtx;
        try (Stream<Path> files = Files.walk(root)) {
            evtx = files.filter(p -> p.toString().endsWith(".evtx"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        List<CanonicalEvent> events;
        try (InputStream in = Files.newInputStream(evtx)) {
            events = Parsers.forFormat(SourceFormat.EVTX)
                    .parseAll(in, TestContexts.offline(evtx.getFileName().toString()))
                    .events();
        }
        assertThat(events).isNotEmpty();
        for (CanonicalEvent event : events) {
            CanonicalEvent back = EventCodec.decode(EventCodec.encode(event));
            assertThat(back).isEqualTo(event);
            assertThat(List.copyOf(back.fields().keySet()))
                    .isEqualTo(List.copyOf(event.fields().keySet()));
        }
    }

    @Test
    void shouldSayWhereATruncatedRecordEnds() throws IOException {
        byte[] input = Fixtures.read(EventCodecTest.class, "internal/json/nxlog.jsonl");
        CanonicalEvent event = Parsers.forFormat(SourceFormat.JSON_LINES)
                .parseAll(new ByteArrayInputStream(input), TestContexts.offline("n"))
                .events()
                .getFirst();
        byte[] encoded = EventCodec.encode(event);
        for (int cut = 0; cut < encoded.length; cut++) {
            byte[] prefix = Arrays.copyOf(encoded, cut);
            assertThatThrownBy(() -> EventCodec.decode(prefix))
                    .isInstanceOf(TelemetryException.class)
                    .hasMessageContaining("at byte");
        }
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> EventCodec.decode(longer)).hasMessageContaining("1 trailing bytes");
        encoded[0] = 9;
        assertThatThrownBy(() -> EventCodec.decode(encoded))
                .isInstanceOf(TelemetryException.class)
                .hasMessageContaining("version 9");
    }

    @Property(tries = 300)
    void arbitraryBytesAreRefusedWithATelemetryException(@ForAll @Size(max = 512) byte[] bytes) {
        try {
            CanonicalEvent event = EventCodec.decode(bytes);
            // Astronomically unlikely, but then it must be a faithful event.
            assertThat(EventCodec.encode(Objects.requireNonNull(event))).isEqualTo(bytes);
        } catch (TelemetryException expected) {
            assertThat(expected.retriable()).isFalse();
        }
    }

    /**
     * Any text round-trips: ASCII (the buffer is sized exactly), other scripts, lengths across the
     * varint steps (127/128, 16383/16384), and every origin kind.
     */
    @Property(tries = 200)
    void shouldRoundTripAnyText(
            @ForAll @Size(max = 6) List<String> names,
            @ForAll @Size(max = 6) List<String> values,
            @ForAll String raw,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 20_000) int longLength,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2) int originKind,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll boolean asciiOnly) {
        FieldMap.Builder fields = FieldMap.builder(8);
        for (int i = 0; i < Math.min(names.size(), values.size()); i++) {
            fields.put("f" + i + names.get(i), values.get(i));
        }
        fields.put("long", (asciiOnly ? "a" : "\u00e9").repeat(longLength));
        EventOrigin origin = switch (originKind) {
            case 0 -> new EventOrigin.Windows("Security", "Microsoft-Windows-Security-Auditing", 4688);
            case 1 -> new EventOrigin.Linux("auditd", "SYSCALL");
            default -> new EventOrigin.Other("vigil-agent", raw.isEmpty() ? "k" : raw.substring(0, 1));
        };
        java.time.Instant time = java.time.Instant.ofEpochSecond(1_790_000_000L, nanos);
        CanonicalEvent event = new CanonicalEvent(
                new EventEnvelope(
                        new TenantId("t1"),
                        new AssetId("ws1"),
                        EventId.derive(new TenantId("t1"), List.of(raw)),
                        time,
                        time.plusMillis(5),
                        SourceFormat.AGENT_NDJSON,
                        origin,
                        originKind == 0 ? "process_creation" : null),
                fields.build(),
                asciiOnly ? "x".repeat(longLength) : raw);
        byte[] encoded = EventCodec.encode(event);
        assertThat(EventCodec.decode(encoded)).isEqualTo(event);
        assertThat(EventCodec.encode(EventCodec.decode(encoded))).isEqualTo(encoded);
    }
}
