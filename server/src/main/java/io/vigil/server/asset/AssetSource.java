package io.vigil.server.asset;

/** What told Vigil about an asset. */
public enum AssetSource {
    /** A Vigil agent runs on it (its batches name the host's operating system and the agent). */
    AGENT,
    /** A log shipper or an uploaded file sent its telemetry (Winlogbeat, OTLP, EVTX, …). */
    SHIPPER
}
