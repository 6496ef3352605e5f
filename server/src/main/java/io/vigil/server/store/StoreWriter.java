package io.vigil.server.store;

import io.vigil.server.ingest.TelemetryLogHandler;
import io.vigil.telemetry.CanonicalEvent;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Feeds the store from the durable telemetry log: every batch the log delivers is written in one
 * store transaction. Delivery is at-least-once and {@link TelemetryStore#write} is idempotent, so a
 * redelivered batch adds nothing.
 */
@Component
class StoreWriter implements TelemetryLogHandler {

    private final TelemetryStore store;

    StoreWriter(TelemetryStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "telemetry-store";
    }

    @Override
    public void handle(List<CanonicalEvent> events) {
        store.write(events);
    }
}
