package io.vigil.server.platform;

import java.util.UUID;

/** The id of a tenant (one customer of the provider). Opaque, URL-safe, at most 64 characters. */
public record TenantId(String value) implements Comparable<TenantId> {

    public TenantId {
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("a tenant id is 1-64 letters, digits, '-' or '_', not '" + value + "'");
        }
    }

    /** A fresh random id. */
    public static TenantId random() {
        return new TenantId(UUID.randomUUID().toString());
    }

    /** Parses untrusted input; an id that cannot exist yields {@link NotFoundException}. */
    public static TenantId parse(String value) {
        if (!wellFormed(value)) {
            throw new NotFoundException("No tenant with id '" + abbreviate(value) + "'.");
        }
        return new TenantId(value);
    }

    /** {@code [A-Za-z0-9_-]{1,64}}, checked without a regular expression: the pipeline makes one per event. */
    private static boolean wellFormed(String value) {
        int n = value.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
