package io.vigil.server.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.kafka.*}: cluster mode's telemetry log. Empty {@code bootstrap-servers} (the default)
 * keeps the log in the telemetry database; any other value makes it the Kafka topic {@code topic}.
 *
 * @param bootstrapServers {@code host:port[,host:port…]} of the Kafka cluster; empty for the JDBC log
 * @param topic the telemetry topic, created on start when missing
 * @param partitions partitions of a topic Vigil creates (the most members one consumer group can use)
 * @param replicationFactor replicas of a topic Vigil creates
 * @param retention {@code retention.ms} of a topic Vigil creates: how long events stay in the topic
 *     whether consumed or not
 * @param clientId the {@code client.id} prefix of Vigil's producer, consumers and admin client
 * @param groupPrefix consumer groups are this prefix plus the consumer's name
 * @param linger the producer's {@code linger.ms}: how long it waits to fill a batch
 * @param compression the producer's {@code compression.type}
 * @param appendTimeout how long an append waits for the broker's acknowledgement before the ingest
 *     request fails with 503 (the producer's {@code delivery.timeout.ms} and {@code max.block.ms})
 * @param maxRecordSize the largest encoded event ({@code max.request.size}, the topic's {@code
 *     max.message.bytes})
 * @param securityProtocol {@code security.protocol}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param properties further Kafka client settings passed to every client as they are (e.g. {@code
 *     sasl.mechanism}, {@code ssl.truststore.location}); not those Vigil's guarantees rely on
 */
@Validated
@ConfigurationProperties(prefix = "vigil.kafka", ignoreUnknownFields = false)
public record KafkaProperties(
        @DefaultValue("") String bootstrapServers,
        @DefaultValue("vigil.telemetry") String topic,
        @DefaultValue("12") int partitions,
        @DefaultValue("3") short replicationFactor,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("vigil") String clientId,
        @DefaultValue("vigil.") String groupPrefix,
        @DefaultValue("5ms") Duration linger,
        @DefaultValue("lz4") String compression,
        @DefaultValue("30s") Duration appendTimeout,
        @DefaultValue("8388608") int maxRecordSize,
        @DefaultValue("PLAINTEXT") String securityProtocol,
        @DefaultValue Map<String, String> properties) {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    /** Client settings Vigil sets itself because its guarantees depend on them. */
    static final Set<String> RESERVED = Set.of(
            "bootstrap.servers",
            "security.protocol",
            "client.id",
            "group.id",
            "acks",
            "enable.idempotence",
            "enable.auto.commit",
            "auto.offset.reset",
            "max.poll.records",
            "key.serializer",
            "value.serializer",
            "key.deserializer",
            "value.deserializer",
            "delivery.timeout.ms",
            "max.block.ms",
            "max.request.size",
            "linger.ms",
            "compression.type");

    public KafkaProperties {
        bootstrapServers = bootstrapServers.strip();
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException(
                    "vigil.kafka.topic must be 1-249 letters, digits, '.', '_' or '-', not '" + topic + "'");
        }
        if (partitions < 1 || partitions > 10_000) {
            throw new IllegalArgumentException("vigil.kafka.partitions must be 1-10000, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(
                    "vigil.kafka.replication-factor must be at least 1, not " + replicationFactor);
        }
        if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("vigil.kafka.retention must be at least 1m, not " + retention);
        }
        if (clientId.isBlank() || groupPrefix.isBlank()) {
            throw new IllegalArgumentException("vigil.kafka.client-id and vigil.kafka.group-prefix must not be empty");
        }
        if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("vigil.kafka.linger must be 0-1s, not " + linger);
        }
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException(
                    "vigil.kafka.compression must be none, gzip, snappy, lz4 or zstd, not '" + compression + "'");
        }
        if (appendTimeout.compareTo(Duration.ofSeconds(1)) < 0 || appendTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("vigil.kafka.append-timeout must be 1s-10m, not " + appendTimeout);
        }
        if (maxRecordSize < 1024) {
            throw new IllegalArgumentException(
                    "vigil.kafka.max-record-size must be at least 1024, not " + maxRecordSize);
        }
        if (!PROTOCOLS.contains(securityProtocol)) {
            throw new IllegalArgumentException("vigil.kafka.security-protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or"
                    + " SASL_SSL, not '" + securityProtocol + "'");
        }
        for (String key : properties.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("vigil.kafka.properties." + key
                        + " cannot be set: Vigil sets it (use the vigil.kafka.* setting if there is one)");
            }
        }
        properties = Map.copyOf(properties);
    }

    /** {@return whether the telemetry log is Kafka} */
    public boolean enabled() {
        return !bootstrapServers.isEmpty();
    }
}
