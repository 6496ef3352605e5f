package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.api.ConnectionService;
import io.vigil.server.ingest.IngestKey;
import io.vigil.server.intel.Indicator;
import io.vigil.server.intel.IntelService;
import io.vigil.server.intel.IocType;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.store.StoreEvents;
import io.vigil.server.tenant.Tenant;
import io.vigil.telemetry.CanonicalEvent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
 * The detection stage end to end: telemetry sent over the ingest API is matched against the
 * configured rule folder (a copy of {@code src/test/resources/detection-rules}) and raises alerts the
 * SOC reads through the API, once per rule and event however often the log delivers it.
 */
class DetectionPipelineTest extends ServerTest {

    private static final String WHOAMI_RULE = "3f1c9e43-5b1a-4c55-9a55-6a1f0d0e7a01";

    @Autowired
    Fixtures fixtures;

    @Autowired
    DetectionPipeline pipeline;

    @Autowired
    IntelService intel;

    @Autowired
    MutableClock clock;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));

    private String token(Role role, TenantId tenant) {
        return token(fixtures.connection(role, role.providerSide() && role != Role.SOC_ANALYST ? null : tenant));
    }

    private String token(ConnectionService.Issued issued) {
        return new Http(base()).accessToken(issued);
    }

    private JsonNode get(String path, String token, int status) {
        HttpResponse<String> r = new Http(base()).getJson(path, token);
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(status);
        return json.readTree(r.body());
    }

    /** The tenant's alerts, once at least {@code expected} are there (the pipeline runs behind ingest) or 60 s pass. */
    private List<JsonNode> alertsUntil(TenantId tenant, String token, int expected) throws InterruptedException {
        List<JsonNode> alerts = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            alerts.clear();
            get("/api/tenants/" + tenant + "/alerts", token, 200).get("alerts").forEach(alerts::add);
            if (alerts.size() >= expected) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return alerts;
    }

    private HttpResponse<String> post(String path, String body, String contentType, String auth) {
        return new Http(base()).post(path, body, contentType, auth);
    }

    @Test
    void shouldRaiseAnAlertWithItsEvidenceForTelemetrySentOverTheIngestApi() throws Exception {
        Tenant tenant = fixtures.tenant();
        String enroll =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT).token();
        HttpResponse<String> enrolled = post(
                "/ingest/agent/v1/enroll",
                "{\"host_name\":\"WS-DETECT\",\"os\":\"windows\",\"os_version\":\"10\",\"agent_version\":\"0.1.0\"}",
                "application/json",
                "Bearer " + enroll);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        String agent = "Bearer " + json.readTree(enrolled.body()).get("token").asString();
        String batch = "{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\"d1\",\"sent_at\":\"" + at
                + "\",\"agent\":{\"id\":\"agent-d\",\"version\":\"0.1.0\"},\"host\":{\"name\":\"x\",\"os\":\"windows\"}}\n"
                + "{\"type\":\"process_start\",\"id\":\"d-1\",\"time\":\"" + at
                + "\",\"ProcessGuid\":\"{dddddddd-0000-0000-0000-000000000001}\","
                + "\"ProcessId\":7,\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\",\"CommandLine\":\"whoami /priv\","
                + "\"User\":\"CORP\\\\bob\"}\n"
                + "{\"type\":\"process_start\",\"id\":\"d-2\",\"time\":\"" + at
                + "\",\"ProcessGuid\":\"{dddddddd-0000-0000-0000-000000000002}\","
                + "\"ProcessId\":8,\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\",\"CommandLine\":\"whoami /user\","
                + "\"User\":\"CORP\\\\bob\"}\n";
        assertThat(post("/ingest/agent/v1/batches", batch, "application/x-ndjson", agent)
                        .statusCode())
                .isEqualTo(200);

        String soc = token(Role.SOC_ANALYST, tenant.id());
        List<JsonNode> alerts = alertsUntil(tenant.id(), soc, 1);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("ruleId").asString()).isEqualTo(WHOAMI_RULE);
            assertThat(a.get("ruleTitle").asString()).isEqualTo("Test rule - whoami listing privileges");
            assertThat(a.get("level").asString()).isEqualTo("high");
            assertThat(a.get("technology").asString()).isEqualTo("SIGMA");
            assertThat(a.get("tactics").get(0).asString()).isEqualTo("discovery");
            assertThat(a.get("techniques").get(0).asString()).isEqualTo("T1033");
            assertThat(a.get("asset").asString()).isEqualTo("ws-detect");
            List<String> matched = new ArrayList<>();
            a.get("evidence")
                    .forEach(e -> matched.add(e.get("field").asString() + "="
                            + e.get("eventValue").asString()));
            assertThat(matched).contains("CommandLine=whoami /priv");
        });

        // The alert names its event, and the event is in the store for the analyst.
        String alertId = alerts.get(0).get("id").asString();
        JsonNode one = get("/api/tenants/" + tenant.id() + "/alerts/" + alertId, soc, 200);
        String eventId = one.get("eventId").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        do {
            status = new Http(base())
                    .getJson("/api/tenants/" + tenant.id() + "/events/" + eventId, soc)
                    .statusCode();
        } while (status != 200 && System.nanoTime() < deadline && sleep());
        assertThat(status).isEqualTo(200);

        // A customer's users see incidents, not alerts; other tenants see nothing.
        assertThat(new Http(base())
                        .getJson("/api/tenants/" + tenant.id() + "/alerts", token(Role.TENANT_ADMIN, tenant.id()))
                        .statusCode())
                .isEqualTo(403);
        Tenant other = fixtures.tenant();
        assertThat(new Http(base())
                        .getJson(
                                "/api/tenants/" + tenant.id() + "/alerts/" + alertId,
                                token(Role.SOC_ANALYST, other.id()))
                        .statusCode())
                .isEqualTo(404);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void shouldRaiseNothingNewWhenTheLogDeliversTheSameEventsAgain() throws Exception {
        Tenant tenant = fixtures.tenant();
        List<CanonicalEvent> events = List.of(
                StoreEvents.processStart(
                        tenant.id(), "host-r", at, "C:\\Windows\\System32\\whoami.exe", "whoami /priv"),
                StoreEvents.processStart(
                        tenant.id(),
                        "host-r",
                        at.plusSeconds(1),
                        "C:\\Windows\\System32\\whoami.exe",
                        "whoami /PRIV /fo csv"),
                StoreEvents.processStart(
                        tenant.id(), "host-r", at.plusSeconds(2), "C:\\Windows\\System32\\whoami.exe", "whoami"));
        pipeline.handle(events);
        pipeline.handle(events);
        pipeline.handle(events.subList(1, 2));
        String soc = token(Role.SOC_ANALYST, tenant.id());
        List<JsonNode> alerts = alertsUntil(tenant.id(), soc, 2);
        assertThat(alerts).hasSize(2);
        assertThat(alerts)
                .extracting(a -> a.get("eventId").asString())
                .containsExactlyInAnyOrder(
                        events.get(0).envelope().id().value(),
                        events.get(1).envelope().id().value());

        // Paging: one per page, then no cursor.
        JsonNode first = get("/api/tenants/" + tenant.id() + "/alerts?limit=1", soc, 200);
        assertThat(first.get("alerts")).hasSize(1);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = get("/api/tenants/" + tenant.id() + "/alerts?limit=1&cursor=" + cursor, soc, 200);
        assertThat(second.get("alerts")).hasSize(1);
        assertThat(second.get("alerts").get(0).get("id").asString())
                .isNotEqualTo(first.get("alerts").get(0).get("id").asString());
        assertThat(second.get("nextCursor").isNull()).isTrue();

        // Filters.
        assertThat(get("/api/tenants/" + tenant.id() + "/alerts?level=low", soc, 200)
                        .get("alerts"))
                .isEmpty();
        assertThat(get("/api/tenants/" + tenant.id() + "/alerts?level=HIGH&asset=HOST-R&rule=" + WHOAMI_RULE, soc, 200)
                        .get("alerts"))
                .hasSize(2);
    }

    @Test
    void shouldRaiseAnAlertForAKnownBadDomainEvenWhenNoRuleFires() throws Exception {
        Tenant tenant = fixtures.tenant();
        Tenant other = fixtures.tenant();
        intel.add(
                Fixtures.root(),
                tenant.id(),
                Indicator.of(IocType.DOMAIN, "evil-c2.example", List.of("c2"), "test C2"),
                "127.0.0.1");
        CanonicalEvent lookup = StoreEvents.dnsQuery(
                tenant.id(), "host-i", at, "C:\\Windows\\System32\\rundll32.exe", "beacon.evil-c2.example");
        CanonicalEvent benign = StoreEvents.dnsQuery(
                tenant.id(), "host-i", at, "C:\\Program Files\\Edge\\msedge.exe", "notevil-c2.example");
        CanonicalEvent otherTenants = StoreEvents.dnsQuery(
                other.id(), "host-o", at, "C:\\Windows\\System32\\rundll32.exe", "beacon.evil-c2.example");
        pipeline.handle(List.of(lookup, benign, otherTenants));
        pipeline.handle(List.of(lookup));

        List<JsonNode> alerts = alertsUntil(tenant.id(), token(Role.SOC_ANALYST, tenant.id()), 1);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("technology").asString()).isEqualTo("IOC");
            assertThat(a.get("eventId").asString())
                    .isEqualTo(lookup.envelope().id().value());
            assertThat(a.get("ruleTitle").asString()).contains("evil-c2.example");
            assertThat(a.get("evidence").get(0).get("field").asString()).isEqualTo("QueryName");
            assertThat(a.get("evidence").get(0).get("eventValue").asString()).isEqualTo("beacon.evil-c2.example");
        });
        // A tenant IoC is that tenant's: the other tenant's identical lookup raised nothing.
        assertThat(get("/api/tenants/" + other.id() + "/alerts", token(Role.SOC_ANALYST, other.id()), 200)
                        .get("alerts"))
                .isEmpty();
    }

    @Test
    void shouldExplainBadQueries() {
        Tenant tenant = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, tenant.id());
        String base = "/api/tenants/" + tenant.id() + "/alerts";
        assertThat(get(base + "?level=severe", soc, 400).toString()).contains("Unknown level 'severe'");
        assertThat(get(base + "?limit=0", soc, 400).toString()).contains("between 1 and 1000");
        assertThat(get(base + "?from=yesterday", soc, 400).toString()).contains("ISO-8601");
        assertThat(get(base + "?cursor=%25%25%25", soc, 400).toString()).contains("cursor");
        assertThat(get(base + "/no-such-alert", soc, 404).toString()).contains("No alert");
    }

    @Test
    void shouldReloadAChangedRuleFolderWithoutARestart() throws Exception {
        String admin = token(fixtures.connection(Role.PROVIDER_ADMIN, null));
        JsonNode before = get("/api/detection/rules", admin, 200);
        assertThat(before.get("refused").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(before.get("firstRefusals").toString()).contains("nosuchmodifier");

        Files.writeString(RULES.resolve("reload_test.yml"), """
                title: Test rule - net user added on reload
                id: 3f1c9e43-5b1a-4c55-9a55-6a1f0d0e7a03
                status: test
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine|contains|all:
                            - 'net user'
                            - '/add'
                    condition: selection
                level: medium
                """);
        HttpResponse<String> reloaded = new Http(base()).postJson("/api/detection/rules/reload", "{}", admin);
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(json.readTree(reloaded.body()).get("rules").asInt())
                .isEqualTo(before.get("rules").asInt() + 1);

        Tenant tenant = fixtures.tenant();
        pipeline.handle(List.of(StoreEvents.processStart(
                tenant.id(), "host-n", at, "C:\\Windows\\System32\\net.exe", "net user eve P4ss /add")));
        List<JsonNode> alerts = alertsUntil(tenant.id(), token(Role.SOC_ANALYST, tenant.id()), 1);
        assertThat(alerts)
                .singleElement()
                .satisfies(a -> assertThat(a.get("level").asString()).isEqualTo("medium"));

        // Only a provider admin reloads; only the SOC reads the rules.
        String analyst = token(Role.SOC_ANALYST, tenant.id());
        assertThat(new Http(base())
                        .postJson("/api/detection/rules/reload", "{}", analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(new Http(base())
                        .getJson("/api/detection/rules", token(Role.TENANT_VIEWER, tenant.id()))
                        .statusCode())
                .isEqualTo(403);
        JsonNode hits = get("/api/detection/rule-hits?hours=1", admin, 200);
        assertThat(hits.toString()).contains("3f1c9e43-5b1a-4c55-9a55-6a1f0d0e7a03");
    }

    private static final String CORRELATION_RULE = "3f1c9e43-5b1a-4c55-9a55-6a1f0d0e7a05";

    private CanonicalEvent corrtest(Tenant tenant, int minute, String user) {
        return StoreEvents.sysmonProcess(
                tenant.id(),
                "host-c",
                at.plus(Duration.ofMinutes(minute)),
                "C:\\Tools\\corrtest.exe",
                "corrtest.exe --run " + minute,
                user);
    }

    private List<JsonNode> correlationAlerts(Tenant tenant) {
        List<JsonNode> out = new ArrayList<>();
        get(
                        "/api/tenants/" + tenant.id() + "/alerts?rule=" + CORRELATION_RULE,
                        token(Role.SOC_ANALYST, tenant.id()),
                        200)
                .get("alerts")
                .forEach(out::add);
        return out;
    }

    @Test
    void shouldRaiseACorrelationAlertOncePerWindowAndTenantAndNoneForTheRulesItCounts() throws Exception {
        Tenant tenant = fixtures.tenant();
        Tenant other = fixtures.tenant();
        // Two runs by bob, two by alice, two in another tenant: no window reaches three.
        pipeline.handle(List.of(
                corrtest(tenant, 0, "CORP\\bob"),
                corrtest(tenant, 1, "CORP\\alice"),
                corrtest(other, 1, "CORP\\bob"),
                corrtest(tenant, 2, "CORP\\bob"),
                corrtest(other, 2, "CORP\\bob"),
                corrtest(tenant, 3, "CORP\\alice")));
        assertThat(correlationAlerts(tenant)).isEmpty();
        // bob's third run within five minutes fires; the rule it counts raises no alert of its own.
        CanonicalEvent third = corrtest(tenant, 4, "CORP\\bob");
        pipeline.handle(List.of(third));
        List<JsonNode> alerts = alertsUntil(tenant.id(), token(Role.SOC_ANALYST, tenant.id()), 1);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("ruleId").asString()).isEqualTo(CORRELATION_RULE);
            assertThat(a.get("technology").asString()).isEqualTo("CORRELATION");
            assertThat(a.get("level").asString()).isEqualTo("high");
            assertThat(a.get("eventId").asString())
                    .isEqualTo(third.envelope().id().value());
            // No ATT&CK tags of its own: those of the rule it counts.
            assertThat(a.get("techniques").get(0).asString()).isEqualTo("T1204.002");
            assertThat(a.get("evidence").get(0).get("field").asString()).isEqualTo("User");
            assertThat(a.get("evidence").get(0).get("eventValue").asString()).isEqualTo("CORP\\bob");
            assertThat(a.get("evidence").get(1).get("eventValue").asString()).startsWith("3 events from");
        });
        // A run more than five minutes after the others starts afresh.
        pipeline.handle(List.of(corrtest(tenant, 20, "CORP\\alice")));
        assertThat(correlationAlerts(tenant)).hasSize(1);
        assertThat(correlationAlerts(other)).isEmpty();
    }

    @Test
    void shouldCountEveryEventOnceAcrossARestartFromTheLastCheckpoint() throws Exception {
        Tenant tenant = fixtures.tenant();
        pipeline.handle(List.of(corrtest(tenant, 0, "CORP\\carol"), corrtest(tenant, 1, "CORP\\carol")));
        // A checkpoint is due once the interval passed; then the log position may be committed.
        pipeline.handle(List.of(corrtest(tenant, 0, "CORP\\dave")));
        clock.advance(Duration.ofSeconds(6));
        assertThat(pipeline.checkpoint()).isTrue();

        // The third event fires; the process dies before the next checkpoint, restarts, and the log
        // delivers the third event again: the same alert, not a second one.
        CanonicalEvent third = corrtest(tenant, 2, "CORP\\carol");
        pipeline.handle(List.of(third));
        assertThat(correlationAlerts(tenant)).hasSize(1);
        assertThat(pipeline.checkpoint())
                .as("no checkpoint before the interval passes")
                .isFalse();
        pipeline.restart();
        pipeline.handle(List.of(third));
        assertThat(correlationAlerts(tenant)).hasSize(1);

        // The windows came back from the checkpoint, not doubled: dave's one run plus two more fire,
        // carol needs three new runs (her window was cleared when it fired).
        pipeline.handle(List.of(corrtest(tenant, 3, "CORP\\carol"), corrtest(tenant, 3, "CORP\\dave")));
        assertThat(correlationAlerts(tenant)).hasSize(1);
        pipeline.handle(List.of(corrtest(tenant, 4, "CORP\\dave")));
        assertThat(correlationAlerts(tenant)).hasSize(2);
        pipeline.handle(List.of(corrtest(tenant, 4, "CORP\\carol")));
        assertThat(correlationAlerts(tenant)).hasSize(2);
        pipeline.handle(List.of(corrtest(tenant, 5, "CORP\\carol")));
        assertThat(correlationAlerts(tenant)).hasSize(3);
    }
}
