package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.telemetry.CanonicalEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@link TelemetryLogContract} on a real Kafka broker (KRaft, in this JVM; one for the class), plus
 * what only the Kafka log does: topic creation, keys, sharing partitions within a consumer group.
 */
class KafkaTelemetryLogIT extends TelemetryLogContract {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static EmbeddedKafkaKraftBroker broker;

    private final List<KafkaTelemetryLog> logs = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        quietKafkaLogs();
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
    }

    /** The broker and clients log every config at INFO: keep the test output readable. */
    static void quietKafkaLogs() {
        for (String name : List.of("org.apache.kafka", "kafka", "state.change.logger")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    static KafkaProperties properties(String bootstrap, String topic) {
        return new KafkaProperties(
                bootstrap,
                topic,
                3,
                (short) 1,
                Duration.ofDays(1),
                "vigil-test",
                "vigil-" + topic + ".",
                Duration.ofMillis(5),
                "lz4",
                Duration.ofSeconds(30),
                8 << 20,
                "PLAINTEXT",
                Map.of());
    }

    private KafkaTelemetryLog open(KafkaProperties properties) {
        KafkaTelemetryLog log = new KafkaTelemetryLog(properties, new SimpleMeterRegistry());
        logs.add(log);
        return log;
    }

    @Override
    TelemetryLog newLog() {
        return open(properties(broker.getBrokersAsString(), "telemetry-" + TOPICS.incrementAndGet()));
    }

    @Override
    boolean recognisesRetries() {
        return false;
    }

    @AfterEach
    void closeLogs() {
        logs.forEach(KafkaTelemetryLog::close);
    }

    @Test
    void shouldCreateTheTopicWithTheConfiguredPartitionsAndRetention() throws Exception {
        String topic = "created-" + TOPICS.incrementAndGet();
        open(properties(broker.getBrokersAsString(), topic));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            TopicDescription description = Objects.requireNonNull(
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic));
            assertThat(description.partitions()).hasSize(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = Objects.requireNonNull(
                    admin.describeConfigs(List.of(resource)).all().get().get(resource));
            assertThat(config.get("retention.ms").value())
                    .isEqualTo(Long.toString(Duration.ofDays(1).toMillis()));
        }
        // A second process finds the topic and uses it as it is.
        open(properties(broker.getBrokersAsString(), topic)).append(TestEvents.processes("t1", 0, 1));
    }

    @Test
    void shouldShareTheWorkOfOneConsumerNameAmongItsMembers() {
        TelemetryLog log = newLog();
        List<CanonicalEvent> appended = new ArrayList<>();
        for (int asset = 0; asset < 12; asset++) {
            for (int n = 0; n < 5; n++) {
                appended.add(event("t1", "ws" + asset, asset * 100 + n));
            }
        }
        TelemetryLog.Subscription a = subscribe(log, "store", 5);
        TelemetryLog.Subscription b = subscribe(log, "store", 5);
        // Let both members join the group (a rebalance completes inside polls) before events exist,
        // so the first one cannot take everything alone.
        for (int i = 0; i < 15; i++) {
            assertThat(a.poll(Duration.ofMillis(100))).isEmpty();
            assertThat(b.poll(Duration.ofMillis(100))).isEmpty();
        }
        log.append(appended);
        List<CanonicalEvent> byA = new ArrayList<>();
        List<CanonicalEvent> byB = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (byA.size() + byB.size() < appended.size() && System.nanoTime() < deadline) {
            a.poll(Duration.ofMillis(100)).forEach(e -> byA.add(e.event()));
            a.commit();
            b.poll(Duration.ofMillis(100)).forEach(e -> byB.add(e.event()));
            b.commit();
        }
        List<CanonicalEvent> all = new ArrayList<>(byA);
        all.addAll(byB);
        // Every event handled once by the group; both members took partitions (12 assets, 3 partitions).
        assertThat(all).hasSameSizeAs(appended).containsExactlyInAnyOrderElementsOf(appended);
        assertThat(byA).isNotEmpty();
        assertThat(byB).isNotEmpty();
        assertThat(byA).doesNotContainAnyElementsOf(byB);
    }

    @Test
    void shouldFailAnAppendWithinTheTimeoutWhenTheBrokerRefusesIt() {
        // A record over the configured maximum is refused by the producer: the append fails (503 at
        // the edge) instead of acknowledging events that were not written.
        KafkaProperties small = new KafkaProperties(
                broker.getBrokersAsString(),
                "small-" + TOPICS.incrementAndGet(),
                1,
                (short) 1,
                Duration.ofDays(1),
                "vigil-test",
                "vigil.",
                Duration.ZERO,
                "none",
                Duration.ofSeconds(5),
                1024,
                "PLAINTEXT",
                Map.of());
        KafkaTelemetryLog log = open(small);
        CanonicalEvent big = TestEvents.process("t1", 1);
        CanonicalEvent huge = new CanonicalEvent(big.envelope(), big.fields(), "x".repeat(4096));
        assertThatThrownBy(() -> log.append(List.of(TestEvents.process("t1", 0), huge)))
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("cannot append to the telemetry log")
                .hasMessageContaining(small.topic());
    }
}
