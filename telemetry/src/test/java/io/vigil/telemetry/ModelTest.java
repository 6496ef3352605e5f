package io.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {
    private static final TenantId TENANT = new TenantId("acme");

    @Test
    void shouldRejectBlankIdentifiersAndOutOfRangeValues() {
        assertThatThrownBy(() -> new TenantId(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AssetId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventId("XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventOrigin.Windows("Security", "p", 70_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceLocation.Line("f", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceLocation.ByteOffset("f", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParseIssue(new SourceLocation.Line("f", 1), ParseIssue.Severity.ERROR, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDeriveIdsThatDependOnTenantAndEveryIdentityPartWithoutAmbiguity() {
        EventId id = EventId.derive(TENANT, List.of("win", "host", "Security", "1"));

        assertThat(EventId.derive(TENANT, List.of("win", "host", "Security", "1")))
                .isEqualTo(id);
        assertThat(EventId.derive(new TenantId("other"), List.of("win", "host", "Security", "1")))
                .isNotEqualTo(id);
        assertThat(EventId.derive(TENANT, List.of("ab", "c"))).isNotEqualTo(EventId.derive(TENANT, List.of("a", "bc")));
        assertThat(id.value()).hasSize(32).matches("[0-9a-f]+");
    }

    @Test
    void shouldFreezeTheFieldsOfAnEvent() {
        Map<String, String> fields = new HashMap<>(Map.of("Image", "a.exe"));
        EventEnvelope envelope = new EventEnvelope(
                TENANT,
                new AssetId("host"),
                EventId.derive(TENANT, List.of("x")),
                Instant.EPOCH,
                Instant.EPOCH,
                SourceFormat.JSON_LINES,
                new EventOrigin.Windows("Security", "p", 1),
                null);

        CanonicalEvent event = new CanonicalEvent(envelope, fields, "{}");
        fields.put("Image", "changed");

        assertThat(event.field("Image")).isEqualTo("a.exe");
        assertThatThrownBy(() -> event.fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
