package io.vigil.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.api.ConnectionService;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.tenant.Tenant;
import io.vigil.server.tenant.TenantService;
import io.vigil.server.tenant.User;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hunting endpoints and the retention setting over real HTTP, with real tokens and the real store. */
class EventApiTest extends ServerTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TelemetryStore store;

    @Autowired
    TenantService tenants;

    @Autowired
    RetentionJob retentionJob;

    @Autowired
    AuditLog audit;

    @Autowired
    Clock clock;

    private final JsonMapper json = JsonMapper.builder().build();

    private String token(Role role, Tenant tenant) {
        return accessTokenOf(fixtures.connection(role, role.providerSide() ? null : tenant.id()));
    }

    private String accessTokenOf(ConnectionService.Issued issued) {
        return new Http(base()).accessToken(issued);
    }

    /** Three process starts an hour ago on one host, the last a child of the first. */
    private List<CanonicalEvent> events(Tenant t) {
        Instant at = clock.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        CanonicalEvent parent = StoreEvents.processStart(t.id(), "ws1", at, "cmd.exe /c whoami");
        CanonicalEvent other = StoreEvents.processStart(t.id(), "ws1", at.plusSeconds(1), "ipconfig /all");
        String parentGuid = String.valueOf(parent.field("ProcessGuid"));
        CanonicalEvent child = StoreFixture.sysmon(
                t.id().value(),
                "ws1",
                at.plusSeconds(2),
                1,
                Map.of(
                        "Image", "C:\\Windows\\System32\\whoami.exe",
                        "CommandLine", "whoami /priv",
                        "ProcessGuid",
                                "{11111111-2222-3333-4444-" + t.id().value().substring(0, 8) + "0000}",
                        "ParentProcessGuid", parentGuid,
                        "ProcessId", "77"));
        List<CanonicalEvent> all = List.of(parent, other, child);
        assertThat(store.write(all)).isEqualTo(3);
        return all;
    }

    private String searchBody(String extra) {
        Instant now = clock.instant();
        return "{\"from\": \"" + now.minus(Duration.ofDays(1)) + "\", \"to\": \"" + now.plusSeconds(1) + "\"" + extra
                + "}";
    }

    @Test
    void shouldSearchPageFetchAndTreeTheTenantsOwnEvents() {
        Tenant t = fixtures.tenant();
        List<CanonicalEvent> written = events(t);
        String viewer = token(Role.TENANT_VIEWER, t);
        Http api = new Http(base());
        String search = "/api/tenants/" + t.id() + "/events/search";

        HttpResponse<String> page1 = api.postJson(search, searchBody(", \"limit\": 2"), viewer);
        assertThat(page1.statusCode()).as(page1.body()).isEqualTo(200);
        JsonNode body1 = json.readTree(page1.body());
        assertThat(body1.get("events")).hasSize(2);
        assertThat(body1.get("events").get(0).get("fields").get("CommandLine").asString())
                .isEqualTo("whoami /priv");
        String cursor = body1.get("nextCursor").asString();
        JsonNode body2 =
                json.readTree(api.postJson(search, searchBody(", \"limit\": 2, \"cursor\": \"" + cursor + "\""), viewer)
                        .body());
        assertThat(body2.get("events")).hasSize(1);
        assertThat(body2.get("events").get(0).get("fields").get("CommandLine").asString())
                .isEqualTo("cmd.exe /c whoami");
        assertThat(body2.get("nextCursor").isNull()).isTrue();

        JsonNode filtered = json.readTree(api.postJson(
                        search,
                        searchBody(
                                ", \"where\": [{\"field\": \"CommandLine\", \"op\": \"starts_with\", \"value\": \"IPCONFIG\"}],"
                                        + " \"assets\": [\"ws1\"], \"categories\": [\"process_creation\"], \"windowsEventIds\": [1]"),
                        viewer)
                .body());
        assertThat(filtered.get("events")).hasSize(1);
        assertThat(json.readTree(api.postJson(search, searchBody(", \"text\": \"PRIV\""), viewer)
                                .body())
                        .get("events"))
                .hasSize(1);

        String eventId = written.get(1).envelope().id().value();
        HttpResponse<String> one = api.getJson("/api/tenants/" + t.id() + "/events/" + eventId, viewer);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json.readTree(one.body()).get("raw").asString()).contains(eventId);
        assertThat(api.getJson("/api/tenants/" + t.id() + "/events/" + "0".repeat(32), viewer)
                        .statusCode())
                .isEqualTo(404);

        String parentGuid = String.valueOf(written.get(0).field("ProcessGuid"));
        HttpResponse<String> tree = api.getJson(
                "/api/tenants/" + t.id() + "/process-tree?asset=ws1&process="
                        + parentGuid.replace("{", "%7B").replace("}", "%7D"),
                viewer);
        assertThat(tree.statusCode()).as(tree.body()).isEqualTo(200);
        JsonNode treeBody = json.readTree(tree.body());
        assertThat(treeBody.get("process").get("commandLine").asString()).isEqualTo("cmd.exe /c whoami");
        assertThat(treeBody.get("descendants").get(0).get("image").asString()).endsWith("whoami.exe");
    }

    @Test
    void shouldAnswerNotFoundToCallersOfOtherTenantsAndUnassignedAnalysts() {
        Tenant a = fixtures.tenant();
        Tenant b = fixtures.tenant();
        List<CanonicalEvent> ofB = events(b);
        String eventOfB = ofB.get(0).envelope().id().value();
        String adminOfA = token(Role.TENANT_ADMIN, a);
        String analystOfA = accessTokenOf(fixtures.connection(Role.SOC_ANALYST, a.id()));
        Http api = new Http(base());
        for (String token : List.of(adminOfA, analystOfA)) {
            assertThat(api.postJson("/api/tenants/" + b.id() + "/events/search", searchBody(""), token)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(api.getJson("/api/tenants/" + b.id() + "/events/" + eventOfB, token)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(api.getJson("/api/tenants/" + b.id() + "/process-tree?asset=ws1&process=x", token)
                            .statusCode())
                    .isEqualTo(404);
        }
        // an analyst sees the tenants assigned to them, and no others
        assertThat(api.postJson("/api/tenants/" + a.id() + "/events/search", searchBody(""), analystOfA)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> own = api.postJson("/api/tenants/" + a.id() + "/events/search", searchBody(""), adminOfA);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).doesNotContain(b.id().value());
    }

    @Test
    void shouldRefuseMalformedSearchesWith400NamingTheBadPart() {
        Tenant t = fixtures.tenant();
        events(t);
        String viewer = token(Role.TENANT_VIEWER, t);
        Http api = new Http(base());
        String search = "/api/tenants/" + t.id() + "/events/search";
        Instant now = clock.instant();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"from\": ", "Not valid JSON");
        cases.put("[]", "Send a JSON object");
        cases.put("{\"to\": \"" + now + "\"}", "from: Required");
        cases.put("{\"from\": \"yesterday\", \"to\": \"" + now + "\"}", "from: Not an ISO-8601 time");
        cases.put("{\"from\": \"" + now + "\", \"to\": \"" + now.minusSeconds(5) + "\"}", "to: Must be after 'from'");
        cases.put(
                "{\"from\": \"" + now.minus(Duration.ofDays(400)) + "\", \"to\": \"" + now + "\"}", "at most 31 days");
        cases.put(searchBody(", \"limit\": 100000000"), "limit: Must be between 1 and 1000");
        cases.put(searchBody(", \"limit\": \"many\""), "limit: Must be a whole number");
        cases.put(
                searchBody(", \"where\": [{\"field\": \"CommandLine\", \"op\": \"like\", \"value\": \"x\"}]"),
                "where[0].op: Unknown operator 'like'");
        cases.put(
                searchBody(
                        ", \"where\": [{\"field\": \"x'); DROP TABLE store_partitions; --\", \"op\": \"equals\", \"value\": \"x\"}]"),
                "where[0].field");
        cases.put(searchBody(", \"where\": [{\"field\": \"Image\", \"op\": \"contains\"}]"), "where[0].value");
        cases.put(searchBody(", \"where\": {\"field\": \"Image\"}"), "where: Must be an array");
        cases.put(searchBody(", \"assets\": [\"\"]"), "assets[0]");
        cases.put(searchBody(", \"cursor\": \"bogus\""), "cursor: Not a cursor");
        cases.put(searchBody(", \"orderBy\": \"x\""), "orderBy: Unknown property");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = api.postJson(search, c.getKey(), viewer);
            if (r.statusCode() != 400
                    || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    || !r.body().contains(c.getValue())) {
                wrong.add(c.getKey() + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(api.getJson("/api/tenants/" + t.id() + "/process-tree?asset=ws1", viewer)
                        .body())
                .contains("process: Name the process");
        // the hostile field name touched nothing
        assertThat(api.postJson(search, searchBody(""), viewer).statusCode()).isEqualTo(200);
        assertThat(store.partitions(t.id().value())).isNotEmpty();
    }

    @Test
    void shouldLetOnlyProviderAdminsChangeTheRetentionOverTheApi() {
        Tenant t = fixtures.tenant();
        String provider = accessTokenOf(fixtures.connection(Role.PROVIDER_ADMIN, null));
        String tenantAdmin = token(Role.TENANT_ADMIN, t);
        Http api = new Http(base());
        String path = "/api/tenants/" + t.id();
        assertThat(json.readTree(api.getJson(path, tenantAdmin).body())
                        .get("telemetryRetentionDays")
                        .asInt())
                .isEqualTo(90);

        HttpResponse<String> changed = api.sendJson("PATCH", path, "{\"telemetryRetentionDays\": 30}", provider);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(api.getJson(path, tenantAdmin).body())
                        .get("telemetryRetentionDays")
                        .asInt())
                .isEqualTo(30);
        assertThat(audit.newest(TenantScope.of(t.id()), 10, 0))
                .extracting(AuditEntry::action)
                .contains("tenant.retention_changed");

        assertThat(api.sendJson("PATCH", path, "{\"telemetryRetentionDays\": 7}", tenantAdmin)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.sendJson("PATCH", path, "{\"telemetryRetentionDays\": 0}", provider)
                        .body())
                .contains("telemetryRetentionDays: Must be between 1 and 3650");
        assertThat(api.sendJson("PATCH", path, "{\"telemetryRetentionDays\": \"ninety\"}", provider)
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.sendJson("PATCH", path, "{\"name\": \"x\"}", provider).statusCode())
                .isEqualTo(400);
        assertThat(tenants.get(StoreFixture.ADMIN, t.id()).telemetryRetentionDays())
                .isEqualTo(30);
    }

    @Test
    void shouldChangeTheRetentionOnTheTenantPageWithCsrf() {
        Tenant t = fixtures.tenant();
        User admin = fixtures.user(Role.PROVIDER_ADMIN, null);
        Http portal = new Http(base());
        assertThat(portal.login(admin.username(), Fixtures.PASSWORD).statusCode())
                .isEqualTo(302);
        assertThat(portal.get("/tenants/" + t.id()).body()).contains("Telemetry kept 90 days");

        HttpResponse<String> forged =
                portal.postFormRaw("/tenants/" + t.id() + "/retention", Map.of("telemetryRetentionDays", "5"));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> saved =
                portal.postForm("/tenants/" + t.id() + "/retention", Map.of("telemetryRetentionDays", "45"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(portal.get("/tenants/" + t.id()).body()).contains("Telemetry kept 45 days");
        HttpResponse<String> refused =
                portal.postForm("/tenants/" + t.id() + "/retention", Map.of("telemetryRetentionDays", "9999"));
        assertThat(Http.location(refused)).endsWith("/tenants/" + t.id());
        assertThat(portal.get("/tenants/" + t.id()).body())
                .contains("Must be between 1 and 3650 days")
                .contains("Telemetry kept 45 days");

        User viewer = fixtures.user(Role.TENANT_ADMIN, t.id());
        Http customer = new Http(base());
        customer.login(viewer.username(), Fixtures.PASSWORD);
        assertThat(customer.get("/tenants/" + t.id()).body()).doesNotContain("save-retention");
        assertThat(customer.postForm("/tenants/" + t.id() + "/retention", Map.of("telemetryRetentionDays", "1"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldDropAndAuditTheDaysPastATenantsRetentionWhenTheJobRuns() {
        Tenant t = fixtures.tenant();
        tenants.setRetention(StoreFixture.ADMIN, t.id(), 3, "test");
        Instant now = clock.instant();
        List<CanonicalEvent> batch = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            Instant at = now.minus(Duration.ofDays(d));
            batch.add(StoreFixture.event(
                    t.id().value(),
                    "ws1",
                    at,
                    at,
                    new EventOrigin.Linux("auditd", "SYSCALL"),
                    "process_creation",
                    Map.of("n", String.valueOf(d))));
        }
        store.write(batch);

        List<DroppedDay> dropped = retentionJob.run();

        assertThat(dropped).filteredOn(d -> d.tenant().equals(t.id().value())).hasSize(2);
        assertThat(store.partitions(t.id().value())).hasSize(4);
        assertThat(audit.newest(TenantScope.of(t.id()), 20, 0))
                .filteredOn(e -> e.action().equals("telemetry.day_dropped"))
                .hasSize(2)
                .allMatch(e -> e.actor().equals("system") && e.detail().startsWith("1 events"));
    }
}
