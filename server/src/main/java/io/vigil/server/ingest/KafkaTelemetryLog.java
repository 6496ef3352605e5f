package io.vigil.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * The telemetry log as a Kafka topic (cluster mode, {@code vigil.kafka.bootstrap-servers} set).
 * Records are keyed by tenant and asset, so one asset's events keep their order in one partition;
 * the value is the {@link EventCodec} encoding. Appends wait for every record's acknowledgement by
 * all in-sync replicas (idempotent producer, {@code acks=all}). Every consumer name is a consumer
 * group. Kafka cannot tell a retried batch from a new one: duplicates reach the consumers, which are
 * idempotent by event id, and {@link #append} reports every event as new.
 */
@Component
@Conditional(KafkaMode.On.class)
class KafkaTelemetryLog implements TelemetryLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTelemetryLog.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProperties properties;
    private final KafkaProducer<String, byte[]> producer;
    private final Counter undecodable;
    private final AtomicInteger subscriptions = new AtomicInteger();

    KafkaTelemetryLog(KafkaProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.undecodable = Counter.builder("vigil.telemetry.log.undecodable")
                .description("log entries that could not be decoded and were skipped (see the error log)")
                .register(meters);
        ensureTopic();
        this.producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
    }

    /** {@return the record key of an event: its tenant and asset} */
    static String key(CanonicalEvent event) {
        return event.envelope().tenant().value() + "/"
                + event.envelope().asset().value();
    }

    @Override
    public Appended append(List<CanonicalEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (CanonicalEvent event : events) {
                ProducerRecord<String, byte[]> record =
                        new ProducerRecord<>(properties.topic(), key(event), EventCodec.encode(event));
                record.headers()
                        .add(header("tenant", event.envelope().tenant().value()))
                        .add(header("event-id", event.envelope().id().value()));
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(); // bounded by delivery.timeout.ms (vigil.kafka.append-timeout)
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw failure(cause);
        } catch (KafkaException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("interrupted while appending to the telemetry log", e);
        }
        BitSet added = new BitSet(events.size());
        added.set(0, events.size());
        return new Appended(events.size(), events.size(), added);
    }

    private DataAccessResourceFailureException failure(Throwable cause) {
        return new DataAccessResourceFailureException(
                "cannot append to the telemetry log (Kafka topic " + properties.topic() + " at "
                        + properties.bootstrapServers() + "): " + cause.getMessage(),
                cause);
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Subscription subscribe(String consumer, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, not " + batch);
        }
        Map<String, Object> config = common("consumer-" + consumer + "-" + subscriptions.incrementAndGet());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupPrefix() + consumer);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch);
        KafkaConsumer<String, byte[]> kafka =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        return new KafkaSubscription(kafka, properties.topic(), consumer, undecodable);
    }

    /** Kafka deletes by the topic's {@code retention.ms} ({@code vigil.kafka.retention}); nothing to do. */
    @Override
    public int trim(Instant before) {
        return 0;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> config = new HashMap<>(properties.properties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, properties.securityProtocol());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, properties.clientId() + "-" + role);
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = common("producer");
        long linger = properties.linger().toMillis();
        long delivery = properties.appendTimeout().toMillis();
        long request = Math.min(30_000, Math.max(500, delivery - linger));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, properties.compression());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(delivery, linger + request));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, properties.maxRecordSize());
        return config;
    }

    /** Creates the topic when it is missing; an existing topic is used as it is. */
    private void ensureTopic() {
        Map<String, Object> config = common("admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            Optional<TopicDescription> existing = describe(admin);
            if (existing.isPresent()) {
                int partitions = existing.get().partitions().size();
                LOG.info("Telemetry log: Kafka topic {} ({} partitions)", properties.topic(), partitions);
                return;
            }
            short replicas = properties.replicationFactor();
            NewTopic topic = new NewTopic(properties.topic(), properties.partitions(), replicas)
                    .configs(Map.of(
                            TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(properties.retention().toMillis()),
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            Integer.toString(properties.maxRecordSize()),
                            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                            replicas >= 3 ? "2" : "1"));
            try {
                admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info(
                        "Telemetry log: created Kafka topic {} ({} partitions, {} replicas, retention {})",
                        properties.topic(),
                        properties.partitions(),
                        replicas,
                        properties.retention());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another process was quicker: fine
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "Cannot prepare the telemetry log topic " + properties.topic() + " on Kafka at "
                            + properties.bootstrapServers() + " (vigil.kafka.*): " + cause,
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the Kafka topic", e);
        }
    }

    private Optional<TopicDescription> describe(Admin admin)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            Map<String, TopicDescription> found = admin.describeTopics(List.of(properties.topic()))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(found.get(properties.topic()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
