package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import io.vigil.telemetry.CanonicalEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ingest endpoints over real HTTP, down to the durable log. */
class IngestTest extends ServerTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcTelemetryLog log;

    @Autowired
    IngestBuffers buffers;

    private final JsonMapper json = JsonMapper.builder().build();

    // ---- helpers ------------------------------------------------------------------------------

    private HttpResponse<String> post(
            String path, byte[] body, @Nullable String contentType, @Nullable String auth, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return new Http(base()).send(b.build());
    }

    private HttpResponse<String> get(String path, @Nullable String auth) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return new Http(base()).send(b.build());
    }

    private JsonNode body(HttpResponse<String> r) {
        return json.readTree(r.body());
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Events of a tenant now in the log (read by a throwaway consumer that never commits). */
    private List<CanonicalEvent> logged(Tenant tenant) {
        List<CanonicalEvent> events = new ArrayList<>();
        for (TelemetryLog.Entry e : log.read("test-reader-never-commits", 1_000_000)) {
            if (e.event().envelope().tenant().value().equals(tenant.id().value())) {
                events.add(e.event());
            }
        }
        return events;
    }

    private String enroll(Tenant tenant, String host) {
        String key =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT).token();
        HttpResponse<String> r = post(
                "/ingest/agent/v1/enroll",
                utf8("{\"host_name\":\"" + host + "\",\"os\":\"windows\",\"os_version\":\"10.0.26100\","
                        + "\"agent_version\":\"0.1.0\"}"),
                "application/json",
                "Bearer " + key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode answer = body(r);
        assertThat(answer.get("asset").asString()).isEqualTo(host.toLowerCase(java.util.Locale.ROOT));
        assertThat(answer.get("tenant_id").asString()).isEqualTo(tenant.id().value());
        return answer.get("token").asString();
    }

    private static String agentBatch(int from, int count, String... extraLines) {
        StringBuilder s = new StringBuilder();
        s.append(
                "{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\"b\",\"sent_at\":\"2026-11-28T01:00:00Z\","
                        + "\"agent\":{\"id\":\"agent-7\",\"version\":\"0.1.0\",\"product\":\"Vigil Agent\"},"
                        + "\"host\":{\"name\":\"spoofed-name\",\"os\":\"windows\"}}\n");
        for (int i = from; i < from + count; i++) {
            s.append("{\"type\":\"process_start\",\"id\":\"e-")
                    .append(i)
                    .append("\",\"time\":\"2026-11-28T00:59:58Z\",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\","
                            + "\"CommandLine\":\"cmd.exe /c whoami ")
                    .append(i)
                    .append("\",\"ProcessId\":")
                    .append(4000 + i)
                    .append("}\n");
        }
        for (String line : extraLines) {
            s.append(line).append('\n');
        }
        return s.toString();
    }

    // ---- agents -------------------------------------------------------------------------------

    @Test
    void shouldEnrollAnAgentAndStoreItsBatchOnceEvenWhenRetried() {
        Tenant tenant = fixtures.tenant();
        String agent = enroll(tenant, "WS01.corp.example");

        byte[] batch = gzip(utf8(agentBatch(0, 50)));
        HttpResponse<String> first = post(
                "/ingest/agent/v1/batches",
                batch,
                "application/x-ndjson",
                "Bearer " + agent,
                "Content-Encoding",
                "gzip");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(body(first).get("accepted").asInt()).isEqualTo(50);
        assertThat(body(first).get("duplicates").asInt()).isZero();

        HttpResponse<String> retry = post(
                "/ingest/agent/v1/batches",
                batch,
                "application/x-ndjson",
                "Bearer " + agent,
                "Content-Encoding",
                "gzip");
        assertThat(body(retry).get("accepted").asInt()).isZero();
        assertThat(body(retry).get("duplicates").asInt()).isEqualTo(50);

        List<CanonicalEvent> stored = logged(tenant);
        assertThat(stored).hasSize(50);
        // Tenant and asset come from the credentials, never from the batch.
        assertThat(stored).allSatisfy(e -> {
            assertThat(e.envelope().asset().value()).isEqualTo("ws01.corp.example");
            assertThat(e.envelope().sigmaCategory()).isEqualTo("process_creation");
        });
        assertThat(stored.getFirst().field("CommandLine")).isEqualTo("cmd.exe /c whoami 0");
    }

    @Test
    void shouldReportBadLinesByNumberAndKeepTheRest() {
        Tenant tenant = fixtures.tenant();
        String agent = enroll(tenant, "ws02");
        String body =
                agentBatch(0, 3, "{\"type\":\"process_start\",\"time\":\"2026-11-28T00:00:00Z\"}", "not json at all")
                        + agentBatch(100, 0).lines().skip(1).reduce("", String::concat)
                        + "{\"type\":\"dns_query\",\"id\":\"d-1\",\"time\":\"2026-11-28T00:59:59Z\",\"QueryName\":\"evil.example\"}\n";
        HttpResponse<String> r =
                post("/ingest/agent/v1/batches", utf8(body), "application/x-ndjson", "Bearer " + agent);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = body(r);
        assertThat(report.get("accepted").asInt()).isEqualTo(4);
        assertThat(report.get("rejected").asInt()).isEqualTo(2);
        JsonNode issues = report.get("issues");
        assertThat(issues.get(0).get("line").asLong()).isEqualTo(5);
        assertThat(issues.get(0).get("message").asString()).contains("id");
        assertThat(issues.get(1).get("line").asLong()).isEqualTo(6);
        assertThat(logged(tenant)).hasSize(4);
    }

    @Test
    void shouldRefuseABatchWithoutAValidHeaderAsAWhole() {
        Tenant tenant = fixtures.tenant();
        String agent = enroll(tenant, "ws03");
        String body = agentBatch(0, 3).lines().skip(1).reduce("", (a, b) -> a + b + "\n");
        HttpResponse<String> r =
                post("/ingest/agent/v1/batches", utf8(body), "application/x-ndjson", "Bearer " + agent);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(body(r).get("issues").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(logged(tenant)).isEmpty();
    }

    @Test
    void shouldAnswerWrongCredentialsWithOne401AndWrongKindsWith403() {
        Tenant tenant = fixtures.tenant();
        IngestCredentialService.IssuedKey shipper = fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER);
        byte[] batch = utf8(agentBatch(0, 1));
        for (String auth : new String[] {
            "",
            "Bearer nonsense",
            "Bearer " + shipper.token().substring(0, shipper.token().length() - 2) + "xx",
            "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString(utf8(shipper.key().id() + ":wrong"))
        }) {
            HttpResponse<String> r =
                    post("/ingest/agent/v1/batches", batch, "application/x-ndjson", auth.isEmpty() ? null : auth);
            assertThat(r.statusCode()).as(auth).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(body(r).get("message").asString()).contains("Authorization");
        }
        // A shipper key is not an agent.
        HttpResponse<String> asShipper =
                post("/ingest/agent/v1/batches", batch, "application/x-ndjson", "Bearer " + shipper.token());
        assertThat(asShipper.statusCode()).isEqualTo(403);
        assertThat(body(asShipper).get("message").asString()).contains("/ingest/elastic/_bulk");
        // A shipper key cannot enroll agents.
        HttpResponse<String> enroll = post(
                "/ingest/agent/v1/enroll",
                utf8("{\"host_name\":\"x\",\"os\":\"linux\",\"os_version\":\"6\",\"agent_version\":\"1\"}"),
                "application/json",
                "Bearer " + shipper.token());
        assertThat(enroll.statusCode()).isEqualTo(400);
        assertThat(enroll.body()).contains("enrollment key");
        assertThat(logged(tenant)).isEmpty();
    }

    @Test
    void shouldStopAcceptingARevokedKeyOrAgentAtOnce() {
        Tenant tenant = fixtures.tenant();
        IngestCredentialService.IssuedKey shipper = fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER);
        String agent = enroll(tenant, "ws04");
        assertThat(get("/ingest/elastic/", "Bearer " + shipper.token()).statusCode())
                .isEqualTo(200);

        HttpResponse<String> revoke = new Http(base())
                .send(HttpRequest.newBuilder(URI.create(base() + "/api/tenants/" + tenant.id() + "/ingest-keys/"
                                + shipper.key().id()))
                        .DELETE()
                        .header("Authorization", "Bearer " + adminToken(tenant))
                        .build());
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(204);
        assertThat(get("/ingest/elastic/", "Bearer " + shipper.token()).statusCode())
                .isEqualTo(401);

        String agentId = agent.substring(4, 20);
        HttpResponse<String> agents =
                new Http(base()).getJson("/api/tenants/" + tenant.id() + "/agents", adminToken(tenant));
        assertThat(agents.body()).contains(agentId, "ws04");
        new Http(base())
                .send(HttpRequest.newBuilder(URI.create(base() + "/api/tenants/" + tenant.id() + "/agents/" + agentId))
                        .DELETE()
                        .header("Authorization", "Bearer " + adminToken(tenant))
                        .build());
        assertThat(post("/ingest/agent/v1/batches", utf8(agentBatch(0, 1)), "application/x-ndjson", "Bearer " + agent)
                        .statusCode())
                .isEqualTo(401);
    }

    private String adminToken(Tenant tenant) {
        return accessToken(Role.TENANT_ADMIN, tenant);
    }

    private String accessToken(Role role, Tenant tenant) {
        var issued = fixtures.connection(role, tenant.id());
        return new Http(base()).accessToken(issued);
    }

    // ---- limits -------------------------------------------------------------------------------

    @Test
    void shouldRefuseOversizedBodiesAndGzipBombsWith413AndStoreNothing() {
        Tenant tenant = fixtures.tenant();
        String agent = enroll(tenant, "ws05");
        // 2 MB limit in tests: a 3 MB batch.
        String big = agentBatch(0, 15_000);
        assertThat(big.length()).isGreaterThan(2 * 1024 * 1024);
        HttpResponse<String> r = post("/ingest/agent/v1/batches", utf8(big), "application/x-ndjson", "Bearer " + agent);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(body(r).get("message").asString()).contains("limit", "2097152");

        // Small when compressed, 9 MB inflated: past the 8 MB decompressed limit.
        byte[] bomb = gzip(utf8(agentBatch(0, 1) + " ".repeat(9 * 1024 * 1024)));
        assertThat(bomb.length).isLessThan(100_000);
        HttpResponse<String> b = post(
                "/ingest/agent/v1/batches",
                bomb,
                "application/x-ndjson",
                "Bearer " + agent,
                "Content-Encoding",
                "gzip");
        assertThat(b.statusCode()).isEqualTo(413);
        assertThat(body(b).get("message").asString()).contains("decompressed");

        HttpResponse<String> brotli = post(
                "/ingest/agent/v1/batches",
                utf8(agentBatch(0, 1)),
                "application/x-ndjson",
                "Bearer " + agent,
                "Content-Encoding",
                "br");
        assertThat(brotli.statusCode()).isEqualTo(415);
        HttpResponse<String> notGzip = post(
                "/ingest/agent/v1/batches",
                utf8(agentBatch(0, 1)),
                "application/x-ndjson",
                "Bearer " + agent,
                "Content-Encoding",
                "gzip");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(body(notGzip).get("message").asString()).contains("gzip");
        assertThat(logged(tenant)).isEmpty();
        // Every refused body gave its memory back.
        assertThat(buffers.leased()).isZero();
    }

    @Test
    void shouldAnswerAWrongContentTypeWith415InJson() {
        Tenant tenant = fixtures.tenant();
        String agent = enroll(tenant, "ws06");
        HttpResponse<String> r =
                post("/ingest/agent/v1/batches", utf8(agentBatch(0, 1)), "text/csv", "Bearer " + agent);
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(body(r).get("message").asString()).contains("text/csv", "application/x-ndjson");
        String shipper =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER).token();
        HttpResponse<String> bulk = post("/ingest/elastic/_bulk", utf8("{}"), "text/plain", "Bearer " + shipper);
        assertThat(bulk.statusCode()).isEqualTo(415);
        assertThat(bulk.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        assertThat(body(bulk).get("error").get("reason").asString()).contains("text/plain");
    }

    /** The log's consumers run at vigil.ingest.pipeline-nice (10), the request threads at 0. */
    @Test
    void shouldRunThePipelineBelowTheThreadsThatAcceptTelemetry() throws Exception {
        io.vigil.server.platform.TestEnvironment.require(
                java.nio.file.Files.isSymbolicLink(java.nio.file.Path.of("/proc/thread-self"))
                        && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/renice")),
                "Linux with renice (util-linux)",
                "run on Linux with util-linux installed");
        java.util.Map<String, Integer> nice = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) { // each consumer lowers itself as its thread starts
            nice.clear();
            for (io.vigil.server.ThreadStats.Task task : io.vigil.server.ThreadStats.tasks()) {
                if (task.name().startsWith("log-") || task.name().startsWith("http-nio-auto")) {
                    nice.merge(task.name().replaceAll("[0-9]+", "N"), task.nice(), Math::min);
                }
            }
            if (nice.getOrDefault("log-consumer-te", 0) == 10) {
                break;
            }
            Thread.sleep(100);
        }
        // the kernel keeps 15 chars of a thread's name: log-consumer-telemetry-store, -detection
        assertThat(nice)
                .containsEntry("log-consumer-te", 10)
                .containsEntry("log-consumer-de", 10)
                .containsEntry("log-trim", 10)
                .containsEntry("http-nio-auto-N", 0);
    }

    @Test
    void shouldMakeSendersWaitAndThenRefuseWith503WhenTheBufferBudgetIsSpent() {
        IngestBuffers small = new IngestBuffers(new IngestProperties(
                org.springframework.util.unit.DataSize.ofMegabytes(2),
                org.springframework.util.unit.DataSize.ofMegabytes(3),
                org.springframework.util.unit.DataSize.ofMegabytes(3),
                2000,
                java.time.Duration.ofHours(1),
                5000,
                java.time.Duration.ofSeconds(1),
                "8.19.0",
                org.springframework.util.unit.DataSize.ofMegabytes(3),
                0));
        try (IngestBuffers.Lease first = small.lease()) {
            first.cover(2L * IngestBuffers.MIB);
            assertThat(small.leased()).isEqualTo(2);
            try (IngestBuffers.Lease second = small.lease()) {
                second.cover(1);
                assertThat(small.leased()).isEqualTo(3);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                            try (IngestBuffers.Lease third = small.lease()) {
                                third.cover(1);
                            }
                        })
                        .isInstanceOfSatisfying(
                                IngestException.class,
                                e -> assertThat(e.status()).isEqualTo(503))
                        .hasMessageContaining("Retry");
            }
        }
        assertThat(small.leased()).isZero();
    }

    // ---- Elasticsearch compatibility ----------------------------------------------------------

    private static final String ECS_DOC =
            "{\"@timestamp\":\"2026-11-28T01:02:03.456Z\",\"ecs\":{\"version\":\"8.0.0\"},"
                    + "\"host\":{\"name\":\"dc01.corp.example\"},\"event\":{\"code\":\"4688\",\"provider\":"
                    + "\"Microsoft-Windows-Security-Auditing\"},\"winlog\":{\"channel\":\"Security\",\"event_id\":\"4688\","
                    + "\"provider_name\":\"Microsoft-Windows-Security-Auditing\",\"computer_name\":\"dc01.corp.example\","
                    + "\"record_id\":\"%d\",\"event_data\":{\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\","
                    + "\"CommandLine\":\"whoami /all\",\"ParentProcessName\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\","
                    + "\"SubjectUserName\":\"alice\"}}}";

    @Test
    void shouldLookLikeElasticsearchToShippers() {
        Tenant tenant = fixtures.tenant();
        IngestCredentialService.IssuedKey key = fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER);
        String apiKey = "ApiKey "
                + java.util.Base64.getEncoder().encodeToString(utf8(key.key().id() + ":" + key.secret()));
        HttpResponse<String> root = get("/ingest/elastic/", apiKey);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        assertThat(body(root).get("version").get("number").asString()).isEqualTo("8.19.0");
        String basic = "Basic "
                + java.util.Base64.getEncoder().encodeToString(utf8(key.key().id() + ":" + key.secret()));
        HttpResponse<String> license = get("/ingest/elastic/_license", basic);
        assertThat(body(license).get("license").get("status").asString()).isEqualTo("active");
        HttpResponse<String> template = new Http(base())
                .send(HttpRequest.newBuilder(URI.create(base() + "/ingest/elastic/_index_template/winlogbeat-8.19.0"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", apiKey)
                        .build());
        assertThat(body(template).get("acknowledged").asBoolean()).isTrue();
        HttpResponse<String> other = get("/ingest/elastic/_cat/indices", apiKey);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(body(other).get("error").get("reason").asString()).contains("_bulk", "docs/ingest.md");
    }

    @Test
    void shouldAcceptBulkItemsOneByOneAndRefuseOnlyTheBadOnes() {
        Tenant tenant = fixtures.tenant();
        String key = "Bearer "
                + fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER).token();
        String bulk = "{\"create\":{\"_index\":\"winlogbeat-8.19.0\"}}\n" + ECS_DOC.formatted(1) + "\n"
                + "{\"index\":{}}\n" + "{\"broken json\n"
                + "{\"delete\":{\"_id\":\"x\"}}\n"
                + "{\"create\":{}}\n" + ECS_DOC.formatted(2) + "\r\n"
                + "{\"index\":{}}\n"
                + "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,\"Hostname\":\"ws09\","
                + "\"EventTime\":\"2026-11-28 01:00:00\",\"RecordNumber\":77,\"Image\":\"C:\\\\x.exe\"}\n";
        HttpResponse<String> r = post("/ingest/elastic/_bulk", utf8(bulk), "application/x-ndjson", key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = body(r);
        assertThat(answer.get("errors").asBoolean()).isTrue();
        JsonNode items = answer.get("items");
        assertThat(items.size()).isEqualTo(5);
        assertThat(items.get(0).get("create").get("status").asInt()).isEqualTo(201);
        assertThat(items.get(0).get("create").get("_index").asString()).isEqualTo("winlogbeat-8.19.0");
        assertThat(items.get(1).get("index").get("status").asInt()).isEqualTo(400);
        assertThat(items.get(1).get("index").get("error").get("reason").asString())
                .startsWith("line 4:");
        assertThat(items.get(2).get("delete").get("status").asInt()).isEqualTo(400);
        assertThat(items.get(3).get("create").get("status").asInt()).isEqualTo(201);
        assertThat(items.get(4).get("index").get("status").asInt()).as(r.body()).isEqualTo(201);

        List<CanonicalEvent> stored = logged(tenant);
        assertThat(stored).hasSize(3);
        CanonicalEvent first = stored.getFirst();
        assertThat(first.envelope().asset().value()).isEqualToIgnoringCase("dc01.corp.example");
        assertThat(first.field("CommandLine")).isEqualTo("whoami /all");
        assertThat(first.envelope().sigmaCategory()).isEqualTo("process_creation");

        // The same bulk again: nothing new, every good item answered 200 noop.
        JsonNode again = body(post("/ingest/elastic/_bulk", utf8(bulk), "application/x-ndjson", key));
        assertThat(again.get("items").get(0).get("create").get("result").asString())
                .isEqualTo("noop");
        assertThat(logged(tenant)).hasSize(3);
    }

    @Test
    void shouldRefuseAMalformedActionLineAsAWholeAndStoreNothing() {
        Tenant tenant = fixtures.tenant();
        String key = "Bearer "
                + fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER).token();
        String bulk = "{\"create\":{}}\n" + ECS_DOC.formatted(1) + "\n{\"upsert\":{}}\n{}\n";
        HttpResponse<String> r = post("/ingest/elastic/_bulk", utf8(bulk), "application/json", key);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).get("error").get("reason").asString()).contains("line 3", "upsert");
        HttpResponse<String> dangling =
                post("/ingest/elastic/_bulk", utf8("{\"create\":{}}\n"), "application/json", key);
        assertThat(body(dangling).get("message").asString()).contains("no document line");
        assertThat(logged(tenant)).isEmpty();
    }

    // ---- OTLP ---------------------------------------------------------------------------------

    private static final String OTLP = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"host.name\","
            + "\"value\":{\"stringValue\":\"srv01\"}}]},\"scopeLogs\":[{\"logRecords\":[%s]}]}]}";
    private static final String OTLP_RECORD = "{\"timeUnixNano\":\"1764291600000000000\",\"severityText\":\"INFO\","
            + "\"body\":{\"stringValue\":\"hello %d\"},\"attributes\":[{\"key\":\"winlog.channel\","
            + "\"value\":{\"stringValue\":\"Application\"}}]}";

    @Test
    void shouldTakeOtlpJsonAndAnswerBadRecordsWithPartialSuccess() {
        Tenant tenant = fixtures.tenant();
        String key = "Bearer "
                + fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER).token();
        String records = OTLP_RECORD.formatted(1) + "," + OTLP_RECORD.formatted(2);
        HttpResponse<String> ok = post(
                "/ingest/otlp/v1/logs",
                gzip(utf8(OTLP.formatted(records))),
                "application/json",
                key,
                "Content-Encoding",
                "gzip");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(body(ok).has("partialSuccess")).isFalse();
        assertThat(logged(tenant)).hasSize(2);

        String bad = OTLP_RECORD.formatted(3) + ",{\"timeUnixNano\":\"not a time\"}";
        HttpResponse<String> partial = post("/ingest/otlp/v1/logs", utf8(OTLP.formatted(bad)), "application/json", key);
        assertThat(partial.statusCode()).isEqualTo(200);
        assertThat(body(partial).get("partialSuccess").get("rejectedLogRecords").asString())
                .isEqualTo("1");
        assertThat(logged(tenant)).hasSize(3);
    }

    @Test
    void shouldEncodeOtlpPartialSuccessAsProtobuf() {
        byte[] encoded = OtlpIngestController.partialSuccess(300, "ab");
        // field 1 (len 7) { field 1 varint 300 = ac 02, field 2 len 2 "ab" }
        assertThat(encoded).containsExactly(0x0A, 7, 0x08, 0xAC, 0x02, 0x12, 2, 'a', 'b');
        Tenant tenant = fixtures.tenant();
        String key = "Bearer "
                + fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER).token();
        // ExportLogsServiceRequest { resource_logs { scope_logs { log_records { time_unix_nano, body "hi" } } } }
        byte[] record = {0x09, 0, 0, 0, 0, 0, 0, 0, 0x18, 0x2A, 4, 0x0A, 2, 'h', 'i'};
        record[1] = 0x00;
        byte[] scope = concat(new byte[] {0x12, (byte) record.length}, record);
        byte[] resource = concat(new byte[] {0x12, (byte) scope.length}, scope);
        byte[] request = concat(new byte[] {0x0A, (byte) resource.length}, resource);
        HttpResponse<String> r = post("/ingest/otlp/v1/logs", request, "application/x-protobuf", key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-protobuf"));
        assertThat(logged(tenant)).hasSize(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    // ---- files and keys through the native API ------------------------------------------------

    @Test
    void shouldUploadAFileForATenantAndRefuseViewersAndOtherTenants() {
        Tenant tenant = fixtures.tenant();
        Tenant other = fixtures.tenant();
        String admin = adminToken(tenant);
        String lines =
                "{\"Channel\":\"Security\",\"EventID\":4624,\"Hostname\":\"ws10\",\"EventTime\":\"2026-11-28 01:00:00\","
                        + "\"RecordNumber\":1,\"TargetUserName\":\"bob\"}\n"
                        + "garbage\n";
        HttpResponse<String> r = post(
                "/api/tenants/" + tenant.id() + "/telemetry/files?name=export.jsonl",
                utf8(lines),
                "application/octet-stream",
                "Bearer " + admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).get("accepted").asInt()).isEqualTo(1);
        assertThat(body(r).get("issues").get(0).get("location").asString()).isEqualTo("line 2");
        assertThat(logged(tenant))
                .singleElement()
                .satisfies(e -> assertThat(e.envelope().asset().value()).isEqualToIgnoringCase("ws10"));

        HttpResponse<String> cross = post(
                "/api/tenants/" + other.id() + "/telemetry/files",
                utf8(lines),
                "application/octet-stream",
                "Bearer " + admin);
        assertThat(cross.statusCode()).isEqualTo(404);
        String viewerToken = accessToken(Role.TENANT_VIEWER, tenant);
        assertThat(post("/api/tenants/" + tenant.id() + "/telemetry/files", utf8(lines), null, "Bearer " + viewerToken)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> unknown = post(
                "/api/tenants/" + tenant.id() + "/telemetry/files", utf8("PK\u0003\u0004zip"), null, "Bearer " + admin);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(body(unknown).get("message").asString()).contains("format");
    }

    @Test
    void shouldUploadARealEvtxFileGzippedAndStoreEveryRecordOnce() throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(
                System.getProperty("vigil.test.shared-dir", "../../shared"),
                "datasets/sigma/regression_data/rules/windows/process_creation");
        io.vigil.server.platform.TestEnvironment.require(
                java.nio.file.Files.isDirectory(dir),
                "the shared data sets",
                "check out ../shared beside the repository");
        java.nio.file.Path evtx;
        try (var files = java.nio.file.Files.walk(dir)) {
            evtx = files.filter(p -> p.toString().endsWith(".evtx"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        int records;
        try (var in = java.nio.file.Files.newInputStream(evtx)) {
            records = io.vigil.telemetry.Parsers.forFormat(io.vigil.telemetry.SourceFormat.EVTX)
                    .parseAll(
                            in,
                            io.vigil.telemetry.ParseContext.offline(
                                    new io.vigil.telemetry.TenantId("x"), "f", java.time.Clock.systemUTC()))
                    .events()
                    .size();
        }
        assertThat(records).isPositive();
        Tenant tenant = fixtures.tenant();
        String admin = adminToken(tenant);
        byte[] file = gzip(java.nio.file.Files.readAllBytes(evtx));
        String path = "/api/tenants/" + tenant.id() + "/telemetry/files?name=" + evtx.getFileName();
        HttpResponse<String> r =
                post(path, file, "application/octet-stream", "Bearer " + admin, "Content-Encoding", "gzip");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).get("accepted").asInt()).isEqualTo(records);
        assertThat(body(r).get("rejected").asInt()).isZero();
        HttpResponse<String> again =
                post(path, file, "application/octet-stream", "Bearer " + admin, "Content-Encoding", "gzip");
        assertThat(body(again).get("duplicates").asInt()).isEqualTo(records);
        assertThat(logged(tenant))
                .hasSize(records)
                .allSatisfy(e -> assertThat(e.envelope().format()).isEqualTo(io.vigil.telemetry.SourceFormat.EVTX));
    }

    @Test
    void shouldIssueKeysInEveryFormShippersTakeAndShowTheSecretOnlyOnce() {
        Tenant tenant = fixtures.tenant();
        String admin = adminToken(tenant);
        HttpResponse<String> created = new Http(base())
                .postJson("/api/tenants/" + tenant.id() + "/ingest-keys", "{\"name\":\"Winlogbeat DC01\"}", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode issued = body(created);
        assertThat(issued.get("token").asString()).startsWith("vgk_");
        assertThat(issued.get("key").get("purpose").asString()).isEqualTo("shipper");
        String apiKey = issued.get("apiKey").asString();
        assertThat(get("/ingest/elastic/", "ApiKey " + apiKey).statusCode()).isEqualTo(200);
        String basic = java.util.Base64.getEncoder()
                .encodeToString(utf8(issued.get("basicUser").asString() + ":"
                        + issued.get("basicPassword").asString()));
        assertThat(get("/ingest/elastic/", "Basic " + basic).statusCode()).isEqualTo(200);

        HttpResponse<String> list = new Http(base()).getJson("/api/tenants/" + tenant.id() + "/ingest-keys", admin);
        assertThat(list.body())
                .contains("Winlogbeat DC01")
                .doesNotContain(issued.get("basicPassword").asString());
        HttpResponse<String> bad = new Http(base())
                .postJson(
                        "/api/tenants/" + tenant.id() + "/ingest-keys", "{\"name\":\"x\",\"purpose\":\"root\"}", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("enrollment");
    }

    // ---- portal -------------------------------------------------------------------------------

    @Test
    void shouldLetATenantAdminCreateAndRevokeKeysInThePortal() {
        Tenant tenant = fixtures.tenant();
        var admin = fixtures.user(Role.TENANT_ADMIN, tenant.id());
        Http portal = new Http(base());
        portal.login(admin.username(), Fixtures.PASSWORD);
        String page = "/tenants/" + tenant.id() + "/telemetry";
        assertThat(portal.get(page).body()).contains("No keys yet", "create-key");

        HttpResponse<String> issued =
                portal.postForm(page + "/keys", java.util.Map.of("name", "Vector <on> log01", "purpose", "SHIPPER"));
        assertThat(issued.statusCode()).isEqualTo(200);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("data-testid=\"ingest-token\">(vgk_[^<]+)<")
                .matcher(issued.body());
        assertThat(token.find()).as(issued.body()).isTrue();
        assertThat(issued.body()).contains("Vector &lt;on&gt; log01", "/ingest/elastic", "setup.ilm.enabled: false");
        assertThat(get("/ingest/elastic/", "Bearer " + token.group(1)).statusCode())
                .isEqualTo(200);

        String list = portal.get(page).body();
        assertThat(list).contains("Vector &lt;on&gt; log01").doesNotContain(token.group(1));
        String keyId = token.group(1).substring(4, 20);
        HttpResponse<String> revoked = portal.postForm(page + "/keys/" + keyId + "/revoke", java.util.Map.of());
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(get("/ingest/elastic/", "Bearer " + token.group(1)).statusCode())
                .isEqualTo(401);

        var viewer = fixtures.user(Role.TENANT_VIEWER, tenant.id());
        Http viewerPortal = new Http(base());
        viewerPortal.login(viewer.username(), Fixtures.PASSWORD);
        assertThat(viewerPortal.get(page).body())
                .contains("Vector &lt;on&gt; log01")
                .doesNotContain("create-key");
        assertThat(viewerPortal
                        .postForm(page + "/keys", java.util.Map.of("name", "sneaky"))
                        .statusCode())
                .isEqualTo(403);
    }
}
