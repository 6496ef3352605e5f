package io.vigil.server.platform;

import java.util.UUID;
import java.util.regex.Pattern;

/** The id of a tenant (one customer of the provider). Opaque, URL-safe, at most 64 characters. */
public record TenantId(String value) implements Comparable<TenantId> {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public TenantId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a tenant id is 1-64 letters, digits, '-' or '_', not '" + value + "'");
        }
    }

    /** A fresh random id. */
    public static TenantId random() {
        return new TenantId(UUID.randomUUID().toString());
    }

    /** Parses untrusted input; an id that cannot exist yields {@link NotFoundException}. */
    public static TenantId parse(String value) {
        if (!FORM.matcher(value).matches()) {
            throw new NotFoundException("No tenant with id '" + abbreviate(value) + "'.");
        }
        return new TenantId(value);
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
