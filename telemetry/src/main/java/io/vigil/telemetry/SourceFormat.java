package io.vigil.telemetry;

/** The input formats Vigil can parse into {@link CanonicalEvent}s. */
public enum SourceFormat {
    /** Windows EVTX binary event log files. */
    EVTX,
    /** JSON as written by {@code evtx_dump} (elements as objects, attributes under {@code #attributes}). */
    EVTX_JSON,
    /** Windows event XML, as rendered by the event log tools ({@code <Event>} elements). */
    WINDOWS_XML,
    /** Flat JSON lines as exported by NXLog/Winlogbeat-like pipelines (e.g. the Mordor recordings). */
    JSON_LINES,
    /** Elastic Common Schema documents (Winlogbeat, Elastic Agent), one per line. */
    ECS,
    /** Linux auditd logs. */
    AUDITD,
    /** Vigil's own agent batches: gzip NDJSON, see docs/agent-protocol.md. */
    AGENT_NDJSON,
    /** OTLP/HTTP logs in their JSON encoding ({@code ExportLogsServiceRequest}). */
    OTLP_JSON,
    /** OTLP/HTTP logs in their protobuf encoding ({@code application/x-protobuf}). */
    OTLP_PROTOBUF
}
