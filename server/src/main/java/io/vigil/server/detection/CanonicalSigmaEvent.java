package io.vigil.server.detection;

import io.vigil.sigma.SigmaEvent;
import io.vigil.telemetry.CanonicalEvent;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Lets the Sigma engine read a canonical telemetry event: fields are already under Sigma names. */
public record CanonicalSigmaEvent(CanonicalEvent event) implements SigmaEvent {

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
