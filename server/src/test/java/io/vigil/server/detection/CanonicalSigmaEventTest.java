package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.RuleSet;
import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CanonicalSigmaEventTest {
    private static final TenantId TENANT = new TenantId("t1");

    private static CanonicalSigmaEvent event(
            EventOrigin origin, @Nullable String category, Map<String, String> fields) {
        EventEnvelope envelope = new EventEnvelope(
                TENANT,
                new AssetId("host"),
                EventId.derive(TENANT, List.of("x")),
                Instant.EPOCH,
                Instant.EPOCH,
                SourceFormat.JSON_LINES,
                origin,
                category);
        return new CanonicalSigmaEvent(new CanonicalEvent(envelope, fields, "{}"));
    }

    @Test
    void shouldDeclareTheProductAndCategoryOfTheEnvelope() {
        assertThat(event(new EventOrigin.Windows("Security", "p", 4688), "process_creation", Map.of())
                        .logSource())
                .isEqualTo(new LogSource("windows", "process_creation", null));
        assertThat(event(new EventOrigin.Linux("auditd", "SYSCALL"), null, Map.of())
                        .logSource())
                .isEqualTo(new LogSource("linux", null, "auditd"));
        assertThat(event(new EventOrigin.Other("ecs:zeek", "conn"), "network_connection", Map.of())
                        .logSource())
                .isEqualTo(new LogSource(null, "network_connection", null));
    }

    @Test
    void shouldNeverLetAnUnmappedProductsRuleFireOnAWindowsEvent() {
        RuleSet rules =
                RuleSet.builder().add("zeek.yml", """
                        title: zeek rdp keyword
                        id: zeek-rdp
                        logsource: {product: zeek, service: rdp}
                        detection:
                            keywords: [mstshash]
                            condition: keywords
                        """).add("auditd.yml", """
                        title: auditd keyword
                        id: auditd-kw
                        logsource: {product: linux, service: auditd}
                        detection:
                            keywords: [mstshash]
                            condition: keywords
                        """).build();
        Map<String, String> fields = Map.of("CommandLine", "mstsc /v:host mstshash");

        assertThat(rules.match(event(new EventOrigin.Windows("Security", "p", 4688), null, fields)))
                .isEmpty();
        assertThat(rules.match(event(new EventOrigin.Linux("auditd", "EXECVE"), null, fields)))
                .extracting(m -> m.rule().id())
                .containsExactly("auditd-kw");
    }
}
