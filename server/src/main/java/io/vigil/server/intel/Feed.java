package io.vigil.server.intel;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A provider-wide source of IoCs, refreshed on a schedule. Its IoCs apply to every tenant.
 *
 * @param id stable id
 * @param name unique display name, also the IoCs' source
 * @param kind the format served
 * @param location an {@code http(s)://} URL or a file (folder for a MISP feed) on the server
 * @param collection the TAXII collection id ({@link FeedKind#TAXII} only)
 * @param interval how often it is refreshed
 * @param confidence the confidence of indicators that carry none
 * @param ttl how long an indicator stays valid after an import last listed it (unless it says)
 * @param tlp the TLP of indicators that carry none
 * @param enabled whether the schedule refreshes it
 * @param createdBy who added it
 * @param createdAt when
 * @param taxiiAddedAfter the TAXII {@code added_after} to resume from
 * @param lastRun the last run, if any
 */
public record Feed(
        String id,
        String name,
        FeedKind kind,
        String location,
        @Nullable String collection,
        Duration interval,
        int confidence,
        Duration ttl,
        Tlp tlp,
        boolean enabled,
        String createdBy,
        Instant createdAt,
        @Nullable String taxiiAddedAfter,
        @Nullable FeedRun lastRun) {

    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MIN_TTL = Duration.ofHours(1);

    public Feed {
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a feed name has 1-100 characters");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("a feed's interval is at least 1 minute, not " + interval);
        }
        if (ttl.compareTo(MIN_TTL) < 0) {
            throw new IllegalArgumentException("a feed's IoC lifetime (ttl) is at least 1 hour, not " + ttl);
        }
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0-100, not " + confidence);
        }
        if (kind == FeedKind.TAXII && (collection == null || collection.isBlank())) {
            throw new IllegalArgumentException("a TAXII feed needs a collection id");
        }
    }

    /** Whether the schedule should refresh it at {@code now}. */
    public boolean dueAt(Instant now) {
        return enabled
                && (lastRun == null || !lastRun.startedAt().plus(interval).isAfter(now));
    }
}
