package io.vigil.telemetry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Stable event identifier: the same input always yields the same id, so retried batches are
 * idempotent. It is the first 128 bits of a SHA-256 over the tenant and the record's identity (for
 * Windows: computer, channel, record id and event id; for auditd: host, timestamp and serial; for
 * other sources the raw record itself).
 *
 * @param value 32 lower-case hex digits
 */
public record EventId(String value) {
    private static final HexFormat HEX = HexFormat.of();
    private static final MessageDigest PROTOTYPE = sha256();

    /** Validates the identifier. */
    public EventId {
        if (!isLowerHex32(value)) {
            throw new IllegalArgumentException("event id must be 32 lower-case hex digits: " + value);
        }
    }

    /** A plain loop: ids are checked once per event on the ingest and log paths. */
    private static boolean isLowerHex32(String value) {
        if (value.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Derives the id of a record from its identity parts.
     *
     * @param tenant the tenant the event belongs to
     * @param identity the parts that identify the record in its source, in a fixed order
     * @return the stable id
     */
    public static EventId derive(TenantId tenant, List<String> identity) {
        MessageDigest digest = copyOfPrototype();
        update(digest, tenant.value());
        for (String part : identity) {
            update(digest, part);
        }
        byte[] hash = digest.digest();
        return new EventId(HEX.formatHex(hash, 0, 16));
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 24));
        digest.update((byte) (bytes.length >>> 16));
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }

    private static MessageDigest copyOfPrototype() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new TelemetryException("SHA-256 is not available in this JVM", e, false);
        }
    }
}
