package io.vigil.telemetry;

/**
 * Identifies the endpoint (asset) an event was recorded on: the credentials' asset for agents, or
 * the host name found in the record when an offline file is parsed.
 *
 * @param value non-blank identifier
 */
public record AssetId(String value) {
    /** Validates the identifier. */
    public AssetId {
        if (value.isBlank()) {
            throw new IllegalArgumentException("asset id must not be blank");
        }
    }
}
