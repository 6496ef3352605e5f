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
     * {@code linux} with the source as service (e.g. {@code auditd}) for Linux records, the host's
     * operating system for Vigil agent events, no product for other sources; the Sigma category
     * when the parser knew it.
     */
    @Override
    public LogSource logSource() {
        String category = event.envelope().sigmaCategory();
        return switch (event.envelope().origin()) {
            case EventOrigin.Windows w -> new LogSource("windows", category, null);
            case EventOrigin.Linux l -> new LogSource("linux", category, l.source());
            case EventOrigin.Other o -> new LogSource(agentProduct(o), category, null);
        };
    }

    /**
     * Vigil's agent says which operating system it runs on ({@code HostOs}, from the batch header),
     * so its process, file, network and registry events meet the rules written for that product.
     */
    private @Nullable String agentProduct(EventOrigin.Other origin) {
        if (!origin.source().equals("vigil-agent")) {
            return null;
        }
        String os = event.fields().get("HostOs");
        return os != null && (os.equals("windows") || os.equals("linux") || os.equals("macos")) ? os : null;
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
