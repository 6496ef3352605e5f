package io.vigil.telemetry;

import io.vigil.telemetry.internal.agent.AgentBatchParser;
import io.vigil.telemetry.internal.auditd.AuditdParser;
import io.vigil.telemetry.internal.evtx.EvtxParser;
import io.vigil.telemetry.internal.json.EcsParser;
import io.vigil.telemetry.internal.json.EvtxJsonParser;
import io.vigil.telemetry.internal.json.FlatJsonLinesParser;
import io.vigil.telemetry.internal.otlp.OtlpJsonParser;
import io.vigil.telemetry.internal.otlp.OtlpProtobufParser;
import io.vigil.telemetry.internal.xml.WindowsXmlParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Obtains the parser for a format, or guesses the format of an input. Parsers are stateless and thread-safe. */
public final class Parsers {
    private static final byte[] EVTX_SIGNATURE = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);

    private Parsers() {}

    /**
     * Guesses the format of an input from its first bytes (4 KiB are plenty). OTLP protobuf has no
     * signature; callers know it from the {@code Content-Type} and choose it explicitly.
     *
     * @param head the first bytes of the input
     * @return the format, or empty when the input looks like none Vigil reads
     */
    public static Optional<SourceFormat> detect(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
            return Optional.of(SourceFormat.AGENT_NDJSON);
        }
        if (head.length >= 8 && Arrays.equals(head, 0, 8, EVTX_SIGNATURE, 0, 8)) {
            return Optional.of(SourceFormat.EVTX);
        }
        String text = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).stripLeading();
        }
        if (text.startsWith("<")) {
            return Optional.of(SourceFormat.WINDOWS_XML);
        }
        if (text.startsWith("type=") || text.startsWith("node=")) {
            return Optional.of(SourceFormat.AUDITD);
        }
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        String compact = text.replaceAll("\\s+", "");
        if (compact.startsWith("{\"type\":\"batch\"") && compact.contains("vigil.agent/")) {
            return Optional.of(SourceFormat.AGENT_NDJSON);
        }
        if (compact.startsWith("{\"Event\":{") || compact.contains("\"#attributes\"")) {
            return Optional.of(SourceFormat.EVTX_JSON);
        }
        if (compact.startsWith("{\"resourceLogs\":")) {
            return Optional.of(SourceFormat.OTLP_JSON);
        }
        if (compact.contains("\"winlog\":{") || compact.contains("\"ecs\":{")) {
            return Optional.of(SourceFormat.ECS);
        }
        return Optional.of(SourceFormat.JSON_LINES);
    }

    /**
     * Returns the parser for a format.
     *
     * @param format the input format
     * @return its parser
     */
    public static EventParser forFormat(SourceFormat format) {
        return switch (format) {
            case EVTX -> new EvtxParser();
            case EVTX_JSON -> new EvtxJsonParser();
            case JSON_LINES -> new FlatJsonLinesParser();
            case AUDITD -> new AuditdParser();
            case WINDOWS_XML -> new WindowsXmlParser();
            case ECS -> new EcsParser();
            case AGENT_NDJSON -> new AgentBatchParser();
            case OTLP_JSON -> new OtlpJsonParser();
            case OTLP_PROTOBUF -> new OtlpProtobufParser();
        };
    }
}
