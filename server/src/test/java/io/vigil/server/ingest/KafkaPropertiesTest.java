package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code vigil.kafka.*} as an operator writes it: defaults, bad values refused with the setting's name. */
class KafkaPropertiesTest {

    private static KafkaProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("vigil.kafka", KafkaProperties.class);
    }

    @Test
    void shouldDefaultToTheJdbcLogAndDocumentedTopicSettings() {
        KafkaProperties defaults = bind(Map.of());
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.topic()).isEqualTo("vigil.telemetry");
        assertThat(defaults.partitions()).isEqualTo(12);
        assertThat(defaults.replicationFactor()).isEqualTo((short) 3);
        assertThat(defaults.properties()).isEmpty();
        assertThat(bind(Map.of("vigil.kafka.bootstrap-servers", "  ")).enabled())
                .isFalse();
    }

    @Test
    void shouldPassThroughClientSettingsWithDotsInTheirNames() {
        KafkaProperties p = bind(Map.of(
                "vigil.kafka.bootstrap-servers", "k1:9093,k2:9093",
                "vigil.kafka.security-protocol", "SASL_SSL",
                "vigil.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
                "vigil.kafka.properties[ssl.truststore.location]", "/etc/vigil/kafka.p12"));
        assertThat(p.enabled()).isTrue();
        assertThat(p.properties())
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/vigil/kafka.p12");
    }

    @Test
    void shouldRefuseBadValuesNamingTheSetting() {
        assertRefused("vigil.kafka.topic", "bad topic!", "vigil.kafka.topic must be 1-249 letters");
        assertRefused("vigil.kafka.partitions", "0", "vigil.kafka.partitions must be 1-10000, not 0");
        assertRefused("vigil.kafka.replication-factor", "0", "vigil.kafka.replication-factor must be at least 1");
        assertRefused("vigil.kafka.compression", "brotli", "vigil.kafka.compression must be none, gzip");
        assertRefused("vigil.kafka.security-protocol", "TLS", "vigil.kafka.security-protocol must be PLAINTEXT");
        assertRefused("vigil.kafka.append-timeout", "100ms", "vigil.kafka.append-timeout must be 1s-10m");
        assertRefused("vigil.kafka.retention", "10s", "vigil.kafka.retention must be at least 1m");
        // Settings Vigil's guarantees rest on cannot be overridden through the pass-through.
        assertRefused("vigil.kafka.properties.acks", "1", "vigil.kafka.properties.acks cannot be set");
        assertRefused(
                "vigil.kafka.properties.enable.auto.commit",
                "true",
                "vigil.kafka.properties.enable.auto.commit cannot be set");
    }

    private static void assertRefused(String setting, String value, String message) {
        assertThatThrownBy(() -> bind(Map.of(setting, value)))
                .as(setting + "=" + value)
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
