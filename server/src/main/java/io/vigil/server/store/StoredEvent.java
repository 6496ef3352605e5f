package io.vigil.server.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An event as the store returns it.
 *
 * @param eventId the stable event id (32 hex digits)
 * @param tenant the tenant id
 * @param asset the asset it was recorded on
 * @param eventTime when it happened (source clock)
 * @param receiveTime when Vigil received it
 * @param format the input format
 * @param originKind {@code windows}, {@code linux} or {@code other}
 * @param channel Windows channel, or the Linux/other source
 * @param provider Windows provider, or the Linux record type / other kind
 * @param eventCode Windows event id, if any
 * @param category Sigma category, if known
 * @param fields the fields by Sigma name
 * @param raw the raw record; only when one event is fetched
 */
public record StoredEvent(
        String eventId,
        String tenant,
        String asset,
        Instant eventTime,
        Instant receiveTime,
        String format,
        String originKind,
        String channel,
        String provider,
        @Nullable Integer eventCode,
        @Nullable String category,
        Map<String, String> fields,
        @Nullable String raw) {

    public StoredEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
