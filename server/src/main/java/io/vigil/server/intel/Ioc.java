package io.vigil.server.intel;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored indicator of compromise.
 *
 * @param id the store's id
 * @param tenant the tenant it belongs to; {@code null} for a provider-wide IoC (applies to all)
 * @param feedId the feed it came from, if any
 * @param source where it came from: a feed's name, {@code manual}, or an uploaded file's name
 * @param type what kind of value it is
 * @param value the normalised value
 * @param confidence 0-100
 * @param firstSeen when it was first seen (by the source, or first imported)
 * @param lastSeen when an import or a person last confirmed it
 * @param expiresAt after this it no longer matches; {@code null}: never expires
 * @param tags labels
 * @param tlp sharing restriction
 * @param description a short text
 * @param createdBy who added it (a person, a connection, or {@code feed:<name>})
 */
public record Ioc(
        long id,
        @Nullable TenantId tenant,
        @Nullable String feedId,
        String source,
        IocType type,
        String value,
        int confidence,
        Instant firstSeen,
        Instant lastSeen,
        @Nullable Instant expiresAt,
        List<String> tags,
        Tlp tlp,
        String description,
        String createdBy) {

    public Ioc {
        tags = List.copyOf(tags);
    }

    /** Whether it still matches at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
