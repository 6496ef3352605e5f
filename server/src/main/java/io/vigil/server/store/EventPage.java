package io.vigil.server.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a query's events, newest first.
 *
 * @param events the events
 * @param nextCursor pass it back for the next page; {@code null} when there are no more events
 */
public record EventPage(List<StoredEvent> events, @Nullable String nextCursor) {

    public EventPage {
        events = List.copyOf(events);
    }
}
