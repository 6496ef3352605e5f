package io.vigil.telemetry.internal.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SharedData;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TestContexts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every .evtx in the Sigma regression data parses to the same events as its evtx_dump .json twin,
 * and the event XML kept as the raw record parses back to the same event.
 */
class EvtxRegressionDataTest {
    /**
     * Twins that differ from their .evtx in the data set itself: the .evtx bytes hold
     * {@code "C:\Windows\Explorer.EXE"} (UTF-16, checked) while the .json says {@code Explorer.exe}.
     */
    private static final Map<String, KnownDefect> KNOWN_TWIN_DEFECTS = Map.of(
            "ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx",
            new KnownDefect("ParentCommandLine", "C:\\Windows\\Explorer.EXE", "C:\\Windows\\Explorer.exe"));

    private record KnownDefect(String field, String evtxValue, String jsonValue) {}

    @Test
    void shouldParseEveryRegressionEvtxToTheSameEventsAsItsJsonTwin() throws IOException {
        Path root = SharedData.require("datasets/sigma/regression_data");
        List<Path> evtxFiles;
        try (Stream<Path> files = Files.walk(root)) {
            evtxFiles =
                    files.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        List<String> mismatches = new ArrayList<>();
        int matched = 0;
        int knownDefects = 0;
        long events = 0;
        for (Path evtx : evtxFiles) {
            Path json = evtx.resolveSibling(evtx.getFileName().toString().replace(".evtx", ".json"));
            if (detect(evtx) != SourceFormat.EVTX || detect(json) != SourceFormat.EVTX_JSON) {
                mismatches.add(root.relativize(evtx) + ": format detection failed");
            }
            ParseResult fromEvtx = parse(evtx, SourceFormat.EVTX);
            ParseResult fromJson = parse(json, SourceFormat.EVTX_JSON);
            String roundTrip = xmlRoundTripDifference(fromEvtx);
            if (!roundTrip.isEmpty()) {
                mismatches.add(root.relativize(evtx) + " (event XML round trip): " + roundTrip);
            }
            KnownDefect known = KNOWN_TWIN_DEFECTS.get(evtx.getFileName().toString());
            String difference = difference(fromEvtx, fromJson, known);
            if (difference.isEmpty() && known != null) {
                knownDefects++;
            } else if (difference.isEmpty()) {
                matched++;
                events += fromEvtx.events().size();
            } else {
                mismatches.add(root.relativize(evtx) + ": " + difference);
            }
        }
        System.out.printf(
                "EVTX regression data: %d of %d files match their JSON twin (%d events); %d twin(s) differ from"
                        + " their .evtx in the data set itself%n",
                matched, evtxFiles.size(), events, knownDefects);
        assertThat(evtxFiles).isNotEmpty();
        assertThat(mismatches).isEmpty();
        assertThat(knownDefects).isEqualTo(KNOWN_TWIN_DEFECTS.size());
        assertThat(matched + knownDefects).isEqualTo(evtxFiles.size());
    }

    /** The raw XML kept for investigators parses back, as Windows event XML, to the same event. */
    private static String xmlRoundTripDifference(ParseResult evtx) {
        for (CanonicalEvent event : evtx.events()) {
            ParseResult again = Parsers.forFormat(SourceFormat.WINDOWS_XML)
                    .parseAll(
                            new java.io.ByteArrayInputStream(
                                    event.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            TestContexts.offline("raw.xml"));
            if (again.events().size() != 1 || !again.issues().isEmpty()) {
                return "raw XML does not parse back: " + again.issues();
            }
            CanonicalEvent parsed = again.events().getFirst();
            if (!parsed.fields().equals(event.fields())) {
                return fieldDifference(event, parsed);
            }
            if (!parsed.envelope().eventTime().equals(event.envelope().eventTime())
                    || !parsed.envelope().id().equals(event.envelope().id())) {
                return "envelope differs";
            }
        }
        return "";
    }

    private static String difference(ParseResult evtx, ParseResult json, @Nullable KnownDefect known) {
        if (!evtx.issues().isEmpty() || !json.issues().isEmpty()) {
            return "issues " + evtx.issues() + " / " + json.issues();
        }
        if (evtx.events().size() != json.events().size()) {
            return "event count " + evtx.events().size() + " vs "
                    + json.events().size();
        }
        for (int i = 0; i < evtx.events().size(); i++) {
            CanonicalEvent a = evtx.events().get(i);
            CanonicalEvent b = json.events().get(i);
            if (known != null) {
                if (!known.evtxValue().equals(a.field(known.field()))
                        || !known.jsonValue().equals(b.field(known.field()))) {
                    return "known twin defect not found in " + known.field();
                }
                a = withField(a, known.field(), known.jsonValue());
            }
            if (!a.fields().equals(b.fields())) {
                return "event " + i + " fields differ: " + fieldDifference(a, b);
            }
            if (!comparable(a.envelope()).equals(comparable(b.envelope()))) {
                return "event " + i + " envelopes differ: " + a.envelope() + " vs " + b.envelope();
            }
        }
        return "";
    }

    /** evtx_dump writes times with µs precision; EVTX holds 100 ns ticks. */
    private static EventEnvelope comparable(EventEnvelope envelope) {
        return new EventEnvelope(
                envelope.tenant(),
                envelope.asset(),
                envelope.id(),
                envelope.eventTime().truncatedTo(ChronoUnit.MICROS),
                envelope.receiveTime(),
                SourceFormat.EVTX,
                envelope.origin(),
                envelope.sigmaCategory());
    }

    private static CanonicalEvent withField(CanonicalEvent event, String name, String value) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(event.fields());
        fields.put(name, value);
        return new CanonicalEvent(event.envelope(), fields, event.raw());
    }

    private static String fieldDifference(CanonicalEvent evtx, CanonicalEvent json) {
        StringBuilder out = new StringBuilder();
        java.util.Set<String> names = new java.util.TreeSet<>(evtx.fields().keySet());
        names.addAll(json.fields().keySet());
        for (String name : names) {
            String a = evtx.field(name);
            String b = json.field(name);
            if (a == null || !a.equals(b)) {
                out.append("\n  ")
                        .append(name)
                        .append(": evtx=")
                        .append(escape(a))
                        .append(" json=")
                        .append(escape(b));
            }
        }
        return out.toString();
    }

    private static String escape(@Nullable String value) {
        if (value == null) {
            return "(absent)";
        }
        StringBuilder out = new StringBuilder("\"");
        value.chars()
                .forEach(
                        c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    private static @Nullable SourceFormat detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Parsers.detect(in.readNBytes(4096)).orElse(null);
        }
    }

    private static ParseResult parse(Path file, SourceFormat format) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Parsers.forFormat(format)
                    .parseAll(in, TestContexts.offline(file.getFileName().toString()));
        }
    }
}
