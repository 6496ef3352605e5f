package io.vigil.server.incident;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Incidents for unit and repository tests. */
final class IncidentFixtures {

    private IncidentFixtures() {}

    static Incident incident(
            TenantId tenant,
            long number,
            Origin origin,
            Priority priority,
            Status status,
            Instant created,
            Instant firstDetected,
            @Nullable Instant published,
            @Nullable Instant answered) {
        return new Incident(
                UUID.randomUUID().toString(),
                tenant,
                number,
                created,
                created,
                "tester",
                origin,
                priority,
                status,
                status == Status.CLOSED || status == Status.RESOLVED ? Resolution.TRUE_POSITIVE : null,
                "Summary " + number,
                "",
                "",
                "A *description*",
                "",
                List.of("credential-access"),
                List.of("T1003.002"),
                "SIGMA",
                "",
                List.of("host-1"),
                List.of(new IncidentIoc("sha256", "a".repeat(64), "dropped")),
                List.of(),
                List.of("alert-1"),
                firstDetected.minusSeconds(60),
                firstDetected,
                published,
                answered,
                status == Status.RESOLVED || status == Status.CLOSED ? created.plusSeconds(3600) : null,
                status == Status.CLOSED ? created.plusSeconds(3600) : null,
                0);
    }
}
