package io.vigil.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.detection.AlertFilter;
import io.vigil.server.detection.AlertService;
import io.vigil.server.ingest.IngestKey;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.simulate.ScenarioRunner;
import io.vigil.server.tenant.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workbench end to end: simulator scenarios go through the real ingest API, detection raises
 * alerts, the triage job scores and groups them, and the queue API serves and acts on candidates.
 */
class TriageWorkbenchTest extends ServerTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TriageJob job;

    @Autowired
    TriageRepository repository;

    @Autowired
    StoryReader stories;

    @Autowired
    FeatureReader features;

    @Autowired
    TriageScorer scorer;

    @Autowired
    TriageProperties properties;

    @Autowired
    AlertService alerts;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Clock clock;

    private final JsonMapper json = JsonMapper.builder().build();

    private void simulate(Tenant tenant, String... args) {
        String key =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT).token();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", base(), "--key", key));
        int code = ScenarioRunner.run(
                all.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** Waits until the tenant's alerts stop growing, then runs the job until every alert is in a candidate. */
    private void triage(TenantId tenant, TriageJob runner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int last = -1;
        int count = alertCount(tenant);
        while ((count == 0 || count != last) && System.nanoTime() < deadline) {
            Thread.sleep(1500);
            last = count;
            count = alertCount(tenant);
        }
        assertThat(count).as("alerts of the scenario").isPositive();
        int grouped = 0;
        while (System.nanoTime() < deadline) {
            runner.run();
            grouped = 0;
            for (CandidateStatus s : CandidateStatus.values()) {
                grouped += repository.queue(TenantScope.of(tenant), tenant, s, 200, 0).stream()
                        .mapToInt(Candidate::alertCount)
                        .sum();
            }
            if (grouped >= count) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(grouped).as("alerts in candidates").isEqualTo(count);
    }

    private int alertCount(TenantId tenant) {
        return alerts.list(Fixtures.root(), new AlertFilter(tenant, null, null, List.of(), null, null, 1000, null))
                .alerts()
                .size();
    }

    /** A token of an API connection: provider admins see every tenant, the others the given one. */
    private String token(Role role, Tenant tenant) {
        return new Http(base())
                .accessToken(fixtures.connection(role, role == Role.PROVIDER_ADMIN ? null : tenant.id()));
    }

    private String analyst(Tenant tenant) {
        return token(Role.SOC_ANALYST, tenant);
    }

    private JsonNode get(String path, String bearer) {
        HttpResponse<String> r = new Http(base()).getJson(path, bearer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private JsonNode queue(Tenant tenant, String bearer) {
        return get("/api/tenants/" + tenant.id() + "/triage/queue", bearer);
    }

    @Test
    void shouldGroupTheLogClearingScenarioAndDescribeItsProcessChain() throws Exception {
        Tenant tenant = fixtures.tenant();
        simulate(tenant, "log-clearing", "--host", "WEB01");
        triage(tenant.id(), job);
        String soc = analyst(tenant);

        JsonNode queue = queue(tenant, soc);
        assertThat(queue.get("candidates")).hasSize(1);
        JsonNode candidate = queue.get("candidates").get(0);
        assertThat(candidate.get("hosts").get(0).asString()).isEqualTo("web01");
        assertThat(candidate.get("score").asInt()).isBetween(1, 100);
        assertThat(candidate.get("techniques").toString()).contains("T1685.005");

        String id = candidate.get("id").asString();
        JsonNode detail = get("/api/tenants/" + tenant.id() + "/triage/candidates/" + id, soc);
        assertThat(detail.get("alerts")).hasSize(candidate.get("alertCount").asInt());
        JsonNode first = detail.get("alerts").get(0);
        assertThat(first.get("explanation")).hasSize(5);
        // Every factor is explained, the enrichment's too (criticality, first seen in the fleet).
        assertThat(first.get("explanation").toString())
                .contains("rule_level", "ioc_hit", "asset_criticality", "first_seen_in_fleet", "host_tactics");
        assertThat(first.get("score").asInt())
                .isEqualTo(first.get("explanation")
                        .valueStream()
                        .mapToInt(f -> f.get("points").asInt())
                        .sum());

        HttpResponse<String> description = new Http(base())
                .getJson("/api/tenants/" + tenant.id() + "/triage/candidates/" + id + "/description", soc);
        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(description.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
        assertThat(description.body())
                .contains("`explorer.exe` → `vmtoolsd.exe` → `powershell.exe` → `wevtutil.exe`")
                .contains("- `wevtutil cl Security`")
                .contains("`C:\\ProgramData\\clear.ps1` on `web01`")
                .contains("`corp\\alice`")
                .contains("### Hosts\n\n- `web01`");

        // Idempotent: another run scores nothing and keeps the same candidate.
        assertThat(job.run().scored()).isZero();
        assertThat(queue(tenant, soc).get("candidates").get(0).get("id").asString())
                .isEqualTo(id);
    }

    @Test
    void shouldLinkTheHostsOfTheCobaltStrikeScenarioByLateralMovement() throws Exception {
        Tenant tenant = fixtures.tenant();
        simulate(tenant, "cobalt-strike", "--host", "WS-CS", "--peer", "SRV-CS", "--user", "CORP\\bob");
        triage(tenant.id(), job);
        JsonNode candidates = queue(tenant, token(Role.PROVIDER_ADMIN, tenant)).get("candidates");
        assertThat(candidates).hasSize(1);
        JsonNode c = candidates.get(0);
        assertThat(c.get("hosts").valueStream().map(JsonNode::asString).toList())
                .containsExactly("srv-cs", "ws-cs");
        assertThat(c.get("links").valueStream().map(JsonNode::asString).toList())
                .anyMatch(l -> l.equals("lateral movement ws-cs → srv-cs"));
        assertThat(c.get("users").toString()).contains("corp\\\\bob");
    }

    @Test
    void shouldDismissAsFalsePositiveAndExportTheVerdictToProviderAdminsOnly() throws Exception {
        Tenant tenant = fixtures.tenant();
        simulate(tenant, "hive-dump", "--host", "HOST-FP", "--user", "CORP\\carol");
        triage(tenant.id(), job);
        String soc = analyst(tenant);
        String id = queue(tenant, soc).get("candidates").get(0).get("id").asString();
        String path = "/api/tenants/" + tenant.id() + "/triage/candidates/" + id;

        String customer = token(Role.TENANT_ADMIN, tenant);
        assertThat(new Http(base())
                        .getJson("/api/tenants/" + tenant.id() + "/triage/queue", customer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(new Http(base())
                        .postJson(path + "/dismiss", "{\"reason\": \"x\"}", customer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(new Http(base())
                        .postJson(path + "/dismiss", "{\"reason\": \"  \"}", soc)
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<String> dismissed =
                new Http(base()).postJson(path + "/dismiss", "{\"reason\": \"backup job saves the hives\"}", soc);
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        assertThat(json.readTree(dismissed.body()).get("status").asString()).isEqualTo("DISMISSED");
        assertThat(queue(tenant, soc).get("candidates")).isEmpty();
        assertThat(new Http(base())
                        .postJson(path + "/dismiss", "{\"reason\": \"again\"}", soc)
                        .statusCode())
                .isEqualTo(409);

        assertThat(new Http(base())
                        .getJson("/api/triage/verdicts?format=jsonl", soc)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> export =
                new Http(base()).getJson("/api/triage/verdicts?format=jsonl", token(Role.PROVIDER_ADMIN, tenant));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        JsonNode verdict = export.body()
                .lines()
                .map(json::readTree)
                .filter(v -> v.get("candidateId").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(verdict.get("verdict").asString()).isEqualTo("FALSE_POSITIVE");
        assertThat(verdict.get("reason").asString()).isEqualTo("backup job saves the hives");
        assertThat(verdict.get("alertIds")).isNotEmpty();
        assertThat(verdict.get("features").get(0).get("features").get("asset").asString())
                .isEqualTo("host-fp");

        assertThat(audit.newest(TenantScope.of(tenant.id()), 50, 0))
                .extracting(AuditEntry::action)
                .contains("triage.candidate_dismissed");
    }

    @Test
    void shouldPromoteAndMergeIntoIncidentsOverTheApi() throws Exception {
        Tenant tenant = fixtures.tenant();
        simulate(tenant, "log-clearing", "--host", "HOST-INC1", "--user", "CORP\\hal");
        simulate(tenant, "wmi-persistence", "--host", "HOST-INC2", "--user", "CORP\\ivy");
        triage(tenant.id(), job);
        String soc = analyst(tenant);
        List<JsonNode> open = new ArrayList<>();
        queue(tenant, soc).get("candidates").forEach(open::add);
        assertThat(open).hasSize(2);
        JsonNode logs = open.stream()
                .filter(c -> c.get("hosts").toString().contains("host-inc1"))
                .findFirst()
                .orElseThrow();
        JsonNode wmi = open.stream()
                .filter(c -> c.get("hosts").toString().contains("host-inc2"))
                .findFirst()
                .orElseThrow();
        String base = "/api/tenants/" + tenant.id();

        HttpResponse<String> promote = new Http(base())
                .postJson(base + "/triage/candidates/" + logs.get("id").asString() + "/promote", "{}", soc);
        assertThat(promote.statusCode()).as(promote.body()).isEqualTo(200);
        String incidentId = json.readTree(promote.body()).get("incidentId").asString();
        JsonNode incident = get(base + "/incidents/" + incidentId, soc);
        assertThat(incident.get("summary").asString()).contains("host-inc1");
        assertThat(incident.get("description").asString()).contains("`wevtutil cl Security`");
        assertThat(incident.get("published").asBoolean())
                .as("an analyst's promote awaits review")
                .isFalse();
        assertThat(incident.get("alertIds")).hasSize(logs.get("alertCount").asInt());
        assertThat(incident.get("affectedHosts").toString()).contains("host-inc1");

        HttpResponse<String> merge = new Http(base())
                .postJson(
                        base + "/triage/candidates/" + wmi.get("id").asString() + "/merge",
                        "{\"incidentId\": \"" + incidentId + "\"}",
                        soc);
        assertThat(merge.statusCode()).as(merge.body()).isEqualTo(200);
        JsonNode merged = get(base + "/incidents/" + incidentId, soc);
        assertThat(merged.get("alertIds"))
                .hasSize(logs.get("alertCount").asInt() + wmi.get("alertCount").asInt());
        assertThat(merged.get("affectedHosts").toString()).contains("host-inc1", "host-inc2");
        assertThat(queue(tenant, soc).get("candidates")).isEmpty();

        // Merging into an incident the tenant does not have leaves the candidate in the queue.
        simulate(tenant, "hive-dump", "--host", "HOST-INC3", "--user", "CORP\\jay");
        triage(tenant.id(), job);
        String third = queue(tenant, soc).get("candidates").get(0).get("id").asString();
        HttpResponse<String> missing = new Http(base())
                .postJson(base + "/triage/candidates/" + third + "/merge", "{\"incidentId\": \"no-such\"}", soc);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(queue(tenant, soc).get("candidates").get(0).get("status").asString())
                .isEqualTo("OPEN");
    }

    @Test
    void shouldRefusePromoteWithoutAnIncidentService() throws Exception {
        Tenant tenant = fixtures.tenant();
        simulate(tenant, "wmi-persistence", "--host", "HOST-503");
        triage(tenant.id(), job);
        Publisher none = new Publisher(
                repository,
                stories,
                audit,
                clock,
                new DefaultListableBeanFactory().getBeanProvider(IncidentSink.class));
        TriageService service = new TriageService(repository, none, audit, clock);
        Actor actor = new Actor(
                Actor.Kind.API_CONNECTION,
                "test-analyst",
                "test analyst",
                Role.SOC_ANALYST,
                null,
                TenantScope.of(tenant.id()));
        Candidate c = service.queue(actor, tenant.id(), CandidateStatus.OPEN, 50, 0)
                .candidates()
                .getFirst();
        assertThatThrownBy(() -> service.promote(actor, tenant.id(), c.id(), null, null, "127.0.0.1"))
                .isInstanceOf(IncidentSinkMissingException.class)
                .hasMessageContaining("no incident service");
        assertThat(service.queue(actor, tenant.id(), CandidateStatus.OPEN, 50, 0)
                        .candidates())
                .extracting(Candidate::id)
                .contains(c.id());
    }

    private Publisher publisherWith(IncidentSink sink) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("sink", sink);
        return new Publisher(repository, stories, audit, clock, beans.getBeanProvider(IncidentSink.class));
    }

    @Test
    void shouldHandPromotedAndMergedCandidatesToTheIncidentSink() throws Exception {
        Tenant tenant = fixtures.tenant();
        simulate(tenant, "log-clearing", "--host", "HOST-P1", "--user", "CORP\\erin");
        simulate(tenant, "hive-dump", "--host", "HOST-P2", "--user", "CORP\\frank");
        triage(tenant.id(), job);
        RecordingIncidentSink sink = new RecordingIncidentSink();
        Publisher publisher = publisherWith(sink);
        TriageService service = new TriageService(repository, publisher, audit, clock);
        Actor actor = new Actor(
                Actor.Kind.API_CONNECTION,
                "test-analyst",
                "test analyst",
                Role.SOC_ANALYST,
                null,
                TenantScope.of(tenant.id()));

        List<Candidate> open =
                service.queue(actor, tenant.id(), CandidateStatus.OPEN, 50, 0).candidates();
        assertThat(open).hasSize(2);
        Candidate logs = open.stream()
                .filter(c -> c.hosts().contains("host-p1"))
                .findFirst()
                .orElseThrow();
        Candidate hives = open.stream()
                .filter(c -> c.hosts().contains("host-p2"))
                .findFirst()
                .orElseThrow();

        Candidate promoted = service.promote(actor, tenant.id(), logs.id(), null, Priority.HIGH, "127.0.0.1");
        assertThat(promoted.status()).isEqualTo(CandidateStatus.PROMOTED);
        assertThat(promoted.incidentId()).isEqualTo("incident-1");
        RecordingIncidentSink.Created call = sink.created.getFirst();
        assertThat(call.actor()).isEqualTo(actor);
        assertThat(call.tenant()).isEqualTo(tenant.id());
        assertThat(call.alertIds())
                .containsExactlyElementsOf(repository.alertsOf(tenant.id(), logs.id()).stream()
                        .map(a -> a.features().alertId())
                        .toList());
        assertThat(call.summary()).contains("host-p1");
        assertThat(call.priority()).isEqualTo(Priority.HIGH);
        assertThat(call.publish()).as("an analyst's promote awaits review").isFalse();
        assertThat(call.description()).contains("`wevtutil cl Security`", "### Process chain on `host-p1`");

        Candidate merged = service.merge(actor, tenant.id(), hives.id(), "incident-1", "127.0.0.1");
        assertThat(merged.status()).isEqualTo(CandidateStatus.MERGED);
        assertThat(sink.added).singleElement().satisfies(a -> {
            assertThat(a.incidentId()).isEqualTo("incident-1");
            assertThat(a.tenant()).isEqualTo(tenant.id());
            assertThat(a.alertIds()).hasSize(hives.alertCount());
        });
        assertThat(service.queue(actor, tenant.id(), CandidateStatus.OPEN, 50, 0)
                        .candidates())
                .isEmpty();
        assertThat(audit.newest(TenantScope.of(tenant.id()), 50, 0))
                .extracting(AuditEntry::action)
                .contains("triage.candidate_promoted", "triage.candidate_merged");
    }

    @Test
    void shouldAutoPublishByTheTenantsPolicyAsTheSystemActor() throws Exception {
        Tenant tenant = fixtures.tenant();
        String soc = analyst(tenant);
        HttpResponse<String> set = new Http(base())
                .sendJson(
                        "PUT",
                        "/api/tenants/" + tenant.id() + "/triage/policy",
                        "{\"enabled\": true, \"minScore\": 30, \"levels\": [\"high\", \"critical\"]}",
                        soc);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(get("/api/tenants/" + tenant.id() + "/triage/policy", soc)
                        .get("levels")
                        .toString())
                .contains("high", "critical");
        assertThat(new Http(base())
                        .sendJson(
                                "PUT",
                                "/api/tenants/" + tenant.id() + "/triage/policy",
                                "{\"levels\": [\"severe\"]}",
                                soc)
                        .statusCode())
                .isEqualTo(400);

        RecordingIncidentSink sink = new RecordingIncidentSink();
        TriageJob withSink =
                new TriageJob(repository, alerts, features, scorer, publisherWith(sink), properties, tx, clock);
        simulate(tenant, "hive-dump", "--host", "HOST-AUTO", "--user", "CORP\\gina");
        triage(tenant.id(), withSink);

        assertThat(sink.created).isNotEmpty().allSatisfy(c -> {
            assertThat(c.actor().name()).isEqualTo("system");
            assertThat(c.publish()).as("auto-publish publishes").isTrue();
            assertThat(c.tenant()).isEqualTo(tenant.id());
        });
        assertThat(repository.queue(TenantScope.of(tenant.id()), tenant.id(), CandidateStatus.PROMOTED, 50, 0))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.incidentId()).startsWith("incident-"));
        assertThat(audit.newest(TenantScope.of(tenant.id()), 50, 0))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("triage.candidate_promoted");
                    assertThat(e.actor()).isEqualTo("system");
                    assertThat(e.actorKind()).isEqualTo("SYSTEM");
                })
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("triage.policy_changed"));
    }
}
