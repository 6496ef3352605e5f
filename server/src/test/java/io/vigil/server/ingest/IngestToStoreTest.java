package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end: an agent batch and a shipper's {@code _bulk} go through the durable log into the
 * telemetry store, and the hunting API finds them, rebuilds the process chain, and does not double
 * them when the sender retries.
 */
class IngestToStoreTest extends ServerTest {

    @Autowired
    Fixtures fixtures;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));

    private HttpResponse<String> post(String path, String body, String contentType, String auth) {
        return new Http(base()).post(path, body, contentType, auth);
    }

    private String token(Tenant tenant) {
        var issued = fixtures.connection(Role.SOC_ANALYST, tenant.id());
        return new Http(base()).accessToken(issued);
    }

    /** Searches until {@code expected} events match (the store writer runs behind the log) or 60 s pass. */
    private List<JsonNode> searchUntil(Tenant tenant, String token, String text, int expected)
            throws InterruptedException {
        String query = "{\"from\": \"" + at.minus(Duration.ofHours(1)) + "\", \"to\": \"" + at.plus(Duration.ofHours(1))
                + "\", \"text\": \"" + text + "\"}";
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r =
                    new Http(base()).postJson("/api/tenants/" + tenant.id() + "/events/search", query, token);
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

    private String agentBatch() {
        String[][] chain = {
            {"p-1", "{aaaaaaaa-0000-0000-0000-000000000001}", "", "C:\\\\Windows\\\\explorer.exe", "explorer.exe"},
            {
                "p-2",
                "{aaaaaaaa-0000-0000-0000-000000000002}",
                "{aaaaaaaa-0000-0000-0000-000000000001}",
                "C:\\\\Windows\\\\System32\\\\cmd.exe",
                "cmd.exe /c run.bat"
            },
            {
                "p-3",
                "{aaaaaaaa-0000-0000-0000-000000000003}",
                "{aaaaaaaa-0000-0000-0000-000000000002}",
                "C:\\\\Windows\\\\System32\\\\whoami.exe",
                "whoami /priv e2e-marker"
            },
        };
        return TestEvents.agentProcessChain("e2e", "agent-e2e", at, chain);
    }

    @Test
    void shouldMakeAgentEventsHuntableWithTheirProcessChainAndNeverDoubleThem() throws Exception {
        Tenant tenant = fixtures.tenant();
        String enroll =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT).token();
        HttpResponse<String> enrolled = post(
                "/ingest/agent/v1/enroll",
                "{\"host_name\":\"WS-E2E\",\"os\":\"windows\",\"os_version\":\"10\",\"agent_version\":\"0.1.0\"}",
                "application/json",
                "Bearer " + enroll);
        String agent = "Bearer " + json.readTree(enrolled.body()).get("token").asString();
        String batch = agentBatch();
        assertThat(post("/ingest/agent/v1/batches", batch, "application/x-ndjson", agent)
                        .statusCode())
                .isEqualTo(200);

        String token = token(tenant);
        List<JsonNode> found = searchUntil(tenant, token, "e2e-marker", 1);
        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.get("asset").asString()).isEqualTo("ws-e2e");
            assertThat(e.get("fields").get("CommandLine").asString()).isEqualTo("whoami /priv e2e-marker");
        });

        HttpResponse<String> tree = new Http(base())
                .getJson(
                        "/api/tenants/" + tenant.id() + "/process-tree?asset=ws-e2e&process="
                                + "%7Baaaaaaaa-0000-0000-0000-000000000003%7D",
                        token);
        assertThat(tree.statusCode()).as(tree.body()).isEqualTo(200);
        List<String> ancestors = new ArrayList<>();
        json.readTree(tree.body())
                .get("ancestors")
                .forEach(n -> ancestors.add(n.get("image").asString()));
        assertThat(ancestors).containsExactly("C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\explorer.exe");

        // A retry after the store has the events: acknowledged, nothing stored twice.
        assertThat(post("/ingest/agent/v1/batches", batch, "application/x-ndjson", agent)
                        .statusCode())
                .isEqualTo(200);
        assertThat(searchUntil(tenant, token, "CORP", 3)).hasSize(3);
    }

    @Test
    void shouldMakeBulkEventsHuntableForTheKeysTenantOnly() throws Exception {
        Tenant tenant = fixtures.tenant();
        Tenant other = fixtures.tenant();
        String key = "Bearer "
                + fixtures.ingestKey(tenant.id(), IngestKey.Purpose.SHIPPER).token();
        String doc =
                "{\"@timestamp\":\"" + at + "\",\"host\":{\"name\":\"dc-e2e\"},\"winlog\":{\"channel\":\"Security\","
                        + "\"event_id\":\"4688\",\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
                        + "\"computer_name\":\"dc-e2e\",\"record_id\":\"9001\",\"event_data\":{\"NewProcessName\":"
                        + "\"C:\\\\Windows\\\\System32\\\\net.exe\",\"CommandLine\":\"net group \\\"Domain Admins\\\" bulk-marker\"}}}";
        HttpResponse<String> r =
                post("/ingest/elastic/_bulk", "{\"create\":{}}\n" + doc + "\n", "application/x-ndjson", key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        List<JsonNode> found = searchUntil(tenant, token(tenant), "bulk-marker", 1);
        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.get("category").asString()).isEqualTo("process_creation");
            assertThat(e.get("eventCode").asInt()).isEqualTo(4688);
        });
        // The store already holds it (found above); another tenant's analyst finds nothing.
        assertThat(searchUntil(other, token(other), "bulk-marker", 0)).isEmpty();
    }
}
