package io.vigil.telemetry;

import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What a parser needs to know about an input besides its bytes.
 *
 * @param tenant the tenant the events belong to
 * @param asset the asset the input came from; when {@code null} the host name found in each record
 *     is used (offline files)
 * @param sourceName the input's name, used in issue locations
 * @param clock the clock that stamps the receive time
 */
public record ParseContext(TenantId tenant, @Nullable AssetId asset, String sourceName, Clock clock) {

    /** Validates the context. */
    public ParseContext {
        if (sourceName.isBlank()) {
            throw new IllegalArgumentException("source name must not be blank");
        }
    }

    /**
     * A context for an offline file whose records name their host.
     *
     * @param tenant the tenant
     * @param sourceName the file name
     * @param clock the clock for receive times
     * @return the context
     */
    public static ParseContext offline(TenantId tenant, String sourceName, Clock clock) {
        return new ParseContext(tenant, null, sourceName, clock);
    }
}
