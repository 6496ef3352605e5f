package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.VigilApplication;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TestDatabase;
import io.vigil.server.platform.TestEnvironment;
import io.vigil.server.tenant.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster mode end to end: the whole application on PostgreSQL with its telemetry log on a real
 * Kafka broker. An agent batch posted over HTTP is acknowledged after Kafka has it, the store writer
 * (a consumer group) takes it into the PostgreSQL store, and the hunting API finds it; a retried
 * batch reaches Kafka twice and the store once.
 */
class KafkaClusterIT {

    private static final String TOPIC = "vigil.telemetry.e2e";
    private static final String GROUP = "vigil.telemetry-store";

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));

    @Test
    void shouldTakeAnAgentBatchThroughKafkaIntoTheStoreAndFindItThroughTheApi() throws Exception {
        String admin = TestEnvironment.requirePostgres();
        String schema = TestDatabase.freshSchema(admin);
        KafkaTelemetryLogIT.quietKafkaLogs();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        try (ConfigurableApplicationContext context = new SpringApplication(VigilApplication.class)
                .run(
                        "--server.port=0",
                        "--vigil.database.url=" + TestDatabase.withSchema(admin, schema),
                        "--vigil.database.telemetry-schema=" + schema + "_telemetry",
                        "--vigil.data.dir=" + dir,
                        "--vigil.admin.password=kafka admin password",
                        "--vigil.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--vigil.kafka.topic=" + TOPIC,
                        "--vigil.kafka.partitions=3",
                        "--vigil.kafka.replication-factor=1")) {
            assertThat(context.getBean(TelemetryLog.class)).isInstanceOf(KafkaTelemetryLog.class);
            assertThat(context.getBeansOfType(JdbcTelemetryLog.class)).isEmpty();
            String base = "http://127.0.0.1" + ":"
                    + context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            Http http = new Http(base);
            Fixtures fixtures = context.getAutowireCapableBeanFactory().createBean(Fixtures.class);
            Tenant tenant = fixtures.tenant();

            String enroll = fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT)
                    .token();
            HttpResponse<String> enrolled = post(
                    http,
                    base + "/ingest/agent/v1/enroll",
                    "{\"host_name\":\"WS-KAFKA\",\"os\":\"windows\",\"os_version\":\"10\",\"agent_version\":\"0.1.0\"}",
                    "application/json",
                    "Bearer " + enroll);
            assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
            String agent =
                    "Bearer " + json.readTree(enrolled.body()).get("token").asString();

            JsonNode first = json.readTree(post(http, base + "/ingest/agent/v1/batches", batch(), agent));
            assertThat(first.get("accepted").asInt()).isEqualTo(3);

            String token = analystToken(http, fixtures, tenant);
            List<JsonNode> found = searchUntil(http, tenant, token, "CORP", 3);
            assertThat(found)
                    .hasSize(3)
                    .allSatisfy(e -> assertThat(e.get("asset").asString()).isEqualTo("ws-kafka"));
            assertThat(found)
                    .extracting(e -> e.get("fields").get("CommandLine").asString())
                    .containsExactlyInAnyOrder("explorer.exe", "cmd.exe /c run.bat", "whoami /priv kafka-marker");

            // Kafka cannot recognise the retry: it is acknowledged as accepted and appended again.
            JsonNode retry = json.readTree(post(http, base + "/ingest/agent/v1/batches", batch(), agent));
            assertThat(retry.get("accepted").asInt()).isEqualTo(3);
            assertThat(retry.get("duplicates").asInt()).isZero();
            awaitGroupCaughtUp(broker.getBrokersAsString(), 6);
            // The store writer has handled all six records; the store kept each event once.
            assertThat(searchUntil(http, tenant, token, "CORP", 3)).hasSize(3);

            // Every record is keyed by tenant and asset, so one asset's events share a partition.
            List<ConsumerRecord<String, byte[]>> records = readTopic(broker.getBrokersAsString(), 6);
            Set<Integer> partitions = new HashSet<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                assertThat(r.key()).isEqualTo(tenant.id().value() + "/ws-kafka");
                partitions.add(r.partition());
            }
            assertThat(partitions).hasSize(1);
        } finally {
            broker.destroy();
        }
    }

    private static final String X = "C:\\\\Windows\\\\System32\\\\x.exe";

    private String batch() {
        String[][] chain = {
            {"k-1", "{bbbbbbbb-0000-0000-0000-000000000001}", "", X, "explorer.exe"},
            {
                "k-2",
                "{bbbbbbbb-0000-0000-0000-000000000002}",
                "{bbbbbbbb-0000-0000-0000-000000000001}",
                X,
                "cmd.exe /c run.bat"
            },
            {
                "k-3",
                "{bbbbbbbb-0000-0000-0000-000000000003}",
                "{bbbbbbbb-0000-0000-0000-000000000002}",
                X,
                "whoami /priv kafka-marker"
            },
        };
        return TestEvents.agentProcessChain("kafka", "agent-kafka", at, chain);
    }

    private static String post(Http http, String url, String body, String auth) {
        HttpResponse<String> r = post(http, url, body, "application/x-ndjson", auth);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> post(Http http, String url, String body, String contentType, String auth) {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType)
                .header("Authorization", auth)
                .build());
    }

    private String analystToken(Http http, Fixtures fixtures, Tenant tenant) {
        var issued = fixtures.connection(Role.SOC_ANALYST, tenant.id());
        return http.accessToken(issued);
    }

    private List<JsonNode> searchUntil(Http http, Tenant tenant, String token, String text, int expected)
            throws InterruptedException {
        String query = "{\"from\": \"" + at.minus(Duration.ofHours(1)) + "\", \"to\": \"" + at.plus(Duration.ofHours(1))
                + "\", \"text\": \"" + text + "\"}";
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.postJson("/api/tenants/" + tenant.id() + "/events/search", query, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            events.clear();
            json.readTree(r.body()).get("events").forEach(events::add);
            if (events.size() >= expected) {
                return events;
            }
            Thread.sleep(100);
        }
        return events;
    }

    /** Waits until the store writer's consumer group has committed {@code records} records in all. */
    private static void awaitGroupCaughtUp(String bootstrap, long records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long committed = 0;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get();
                committed = offsets.values().stream()
                        .filter(o -> o != null)
                        .mapToLong(OffsetAndMetadata::offset)
                        .sum();
                if (committed >= records) {
                    break;
                }
                Thread.sleep(100);
            }
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            long end = admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
            assertThat(end).as("records in the topic").isEqualTo(records);
            assertThat(committed).as("records committed by %s", GROUP).isEqualTo(records);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readTopic(String bootstrap, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(count);
        return records;
    }
}
