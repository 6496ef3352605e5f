package io.vigil.telemetry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Parse contexts with a fixed clock for tests. */
public final class TestContexts {
    /** The fixed receive time used by tests. */
    public static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    private TestContexts() {}

    /**
     * An offline context for a named input.
     *
     * @param source the input name
     * @return the context
     */
    public static ParseContext offline(String source) {
        return ParseContext.offline(new TenantId("acme"), source, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
