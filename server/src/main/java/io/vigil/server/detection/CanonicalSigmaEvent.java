package io.vigil.server.detection;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.SigmaEvent;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Lets the Sigma engine read a canonical telemetry event: fields are already under Sigma names, and
 * the envelope tells the log source the event declares (so that the engine routes rules by it).
 */
public record CanonicalSigmaEvent(CanonicalEvent event) implements SigmaEvent {

    /**
     * The log source the event declares: product {@code windows} for Windows event log records,
     * {@code linux} with the source as service (e.g. {@code auditd}) for Linux records, no product
     * for other sources; the Sigma category when the parser knew it.
     */
    @Override
    public LogSource logSource() {
        String category = event.envelope().sigmaCategory();
        return switch (event.envelope().origin()) {
            case EventOrigin.Windows w -> new LogSource("windows", category, null);
            case EventOrigin.Linux l -> new LogSource("linux", category, l.source());
            case EventOrigin.Other o -> new LogSource(null, category, null);
        };
    }

    @Override
    public boolean has(String field) {
        return event.fields().containsKey(field);
    }

    @Override
    public @Nullable Object get(String field) {
        return event.fields().get(field);
    }

    @Override
    public void forEachValue(Consumer<Object> visitor) {
        event.fields().values().forEach(visitor);
    }
}
