package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.asset.FleetEvents;
import io.vigil.server.intel.Indicator;
import io.vigil.server.intel.IntelService;
import io.vigil.server.intel.IocType;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.tenant.Tenant;
import io.vigil.telemetry.CanonicalEvent;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The enrich stage end to end: the pipeline keeps the asset inventory and fleet prevalence from the
 * telemetry it reads, and every alert carries its asset, the prevalence of its event's image, hashes
 * and command line (first seen in the fleet or not) and the IoCs in its event; analysts read assets
 * and prevalence over the API.
 */
class EnrichmentTest extends ServerTest {

    private static final String SYSTEM_WHOAMI = "C:\\Windows\\System32\\whoami.exe";
    private static final String DROPPED_WHOAMI = "C:\\Users\\Public\\whoami.exe";

    @Autowired
    Fixtures fixtures;

    @Autowired
    DetectionPipeline pipeline;

    @Autowired
    IntelService intel;

    @Autowired
    AuditLog audit;

    @Autowired
    MutableClock clock;

    private final JsonMapper json = JsonMapper.builder().build();

    private String soc(TenantId tenant) {
        return new Http(base()).accessToken(fixtures.connection(Role.SOC_ANALYST, tenant));
    }

    private JsonNode get(String path, String token, int status) {
        HttpResponse<String> r = new Http(base()).getJson(path, token);
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(status);
        return json.readTree(r.body());
    }

    private HttpResponse<String> put(String path, String body, String token) {
        return new Http(base()).sendJson("PUT", path, body, token);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private List<JsonNode> alerts(TenantId tenant, String token) {
        List<JsonNode> out = new ArrayList<>();
        get("/api/tenants/" + tenant + "/alerts", token, 200).get("alerts").forEach(out::add);
        return out;
    }

    private static JsonNode prevalence(JsonNode alert, String kind) {
        for (JsonNode p : alert.get("enrichment").get("prevalence")) {
            if (p.get("kind").asString().equals(kind)) {
                return p;
            }
        }
        throw new AssertionError("no " + kind + " prevalence in " + alert);
    }

    @Test
    void shouldMarkANewImageFirstSeenInFleetAndACommonOneNot() {
        Tenant tenant = fixtures.tenant();
        Tenant other = fixtures.tenant();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant daysAgo = now.minus(Duration.ofDays(3));
        String sha = "5e".repeat(32);
        intel.add(
                Fixtures.root(),
                tenant.id(),
                Indicator.of(IocType.SHA256, sha, List.of("dropper"), "test hash"),
                "127.0.0.1");
        // Three hosts have run the system whoami for days; another tenant's ten hosts never count.
        List<CanonicalEvent> history = new ArrayList<>();
        for (String host : List.of("h1", "h2", "h3")) {
            history.add(FleetEvents.process(tenant.id(), host, daysAgo, SYSTEM_WHOAMI, "whoami /all", null));
        }
        for (int i = 0; i < 10; i++) {
            history.add(FleetEvents.process(other.id(), "o" + i, now, DROPPED_WHOAMI, "whoami /priv", null));
        }
        pipeline.handle(history);
        String socToken = soc(tenant.id());
        assertThat(put(
                                "/api/tenants/" + tenant.id() + "/assets/h2/criticality",
                                "{\"criticality\": \"critical\"}",
                                socToken)
                        .statusCode())
                .isEqualTo(200);

        CanonicalEvent common = FleetEvents.process(tenant.id(), "h1", now, SYSTEM_WHOAMI, "whoami /priv", null);
        CanonicalEvent dropped =
                FleetEvents.process(tenant.id(), "h2", now, DROPPED_WHOAMI, "whoami /priv /fo list", "SHA256=" + sha);
        pipeline.handle(List.of(common, dropped));
        pipeline.handle(List.of(common, dropped)); // redelivered: nothing new, counts unchanged

        List<JsonNode> alerts = alerts(tenant.id(), socToken);
        JsonNode onCommon = alerts.stream()
                .filter(a -> a.get("eventId")
                        .asString()
                        .equals(common.envelope().id().value()))
                .findFirst()
                .orElseThrow();
        JsonNode image = prevalence(onCommon, "IMAGE");
        assertThat(image.get("value").asString()).isEqualTo(SYSTEM_WHOAMI.toLowerCase(java.util.Locale.ROOT));
        assertThat(image.get("hosts").asLong()).isEqualTo(3);
        assertThat(Instant.parse(image.get("firstSeen").asString())).isEqualTo(daysAgo);
        assertThat(image.get("firstSeenInFleet").asBoolean()).isFalse();
        assertThat(prevalence(onCommon, "COMMAND_LINE").get("firstSeenInFleet").asBoolean())
                .as("this command line is new to the fleet")
                .isTrue();
        assertThat(onCommon.get("enrichment").get("firstSeenInFleet").asBoolean())
                .as("a new command line of a common image is not a new binary")
                .isFalse();
        JsonNode asset = onCommon.get("enrichment").get("asset");
        assertThat(asset.get("id").asString()).isEqualTo("h1");
        assertThat(asset.get("hostName").asString()).isEqualTo("H1.corp.example");
        assertThat(asset.get("os").asString()).isEqualTo("windows");
        assertThat(asset.get("criticality").asString()).isEqualTo("NORMAL");
        assertThat(onCommon.get("enrichment").get("iocHits")).isEmpty();

        List<JsonNode> onDropped = alerts.stream()
                .filter(a -> a.get("eventId")
                        .asString()
                        .equals(dropped.envelope().id().value()))
                .toList();
        assertThat(onDropped).extracting(a -> a.get("technology").asString()).containsExactlyInAnyOrder("SIGMA", "IOC");
        for (JsonNode a : onDropped) {
            JsonNode e = a.get("enrichment");
            assertThat(e.get("firstSeenInFleet").asBoolean()).isTrue();
            assertThat(prevalence(a, "IMAGE").get("hosts").asLong())
                    .as("tenant B's ten hosts ran it too, but they are not this fleet")
                    .isEqualTo(1);
            assertThat(prevalence(a, "IMAGE").get("firstSeenInFleet").asBoolean())
                    .isTrue();
            assertThat(prevalence(a, "HASH").get("value").asString()).isEqualTo(sha);
            assertThat(e.get("asset").get("criticality").asString()).isEqualTo("CRITICAL");
            assertThat(e.get("iocHits")).singleElement().satisfies(h -> {
                assertThat(h.get("type").asString()).isEqualTo("SHA256");
                assertThat(h.get("indicator").asString()).isEqualTo(sha);
                assertThat(h.get("field").asString()).isEqualTo("Hashes");
                assertThat(h.get("source").asString()).isEqualTo("manual");
            });
        }

        // The analysts' prevalence query: any spelling of the image, hosts in pages.
        String base = "/api/tenants/" + tenant.id() + "/prevalence";
        JsonNode report = get(
                base + "?kind=image&limit=2&value=" + q(SYSTEM_WHOAMI.toUpperCase(java.util.Locale.ROOT)),
                socToken,
                200);
        assertThat(report.get("prevalence").get("hosts").asLong()).isEqualTo(3);
        assertThat(report.get("assets")).hasSize(2);
        JsonNode rest = get(
                base + "?kind=IMAGE&limit=2&value=" + q(SYSTEM_WHOAMI) + "&cursor="
                        + report.get("nextCursor").asString(),
                socToken,
                200);
        assertThat(rest.get("assets"))
                .singleElement()
                .satisfies(h -> assertThat(h.get("asset").asString()).isEqualTo("h3"));
        JsonNode byKey = get(
                base + "?kind=command_line&key="
                        + prevalence(onCommon, "COMMAND_LINE").get("key").asString(),
                socToken,
                200);
        assertThat(byKey.get("prevalence").get("value").asString()).isEqualTo("whoami /priv");
        assertThat(byKey.get("assets")).hasSize(1);
        assertThat(get(base + "?kind=registry&value=x", socToken, 400).toString())
                .contains("image, hash, command_line");
        assertThat(get(base + "?value=x", socToken, 400).toString()).contains("kind");
        assertThat(get(base + "?kind=hash&value=xyz", socToken, 400).toString()).contains("MD5, SHA-1 or SHA-256");
        assertThat(get(base + "?kind=image&value=" + q("C:\\never\\ran.exe"), socToken, 404)
                        .toString())
                .contains("No asset");
        String tenantAdmin = new Http(base()).accessToken(fixtures.connection(Role.TENANT_ADMIN, tenant.id()));
        get(base + "?kind=image&value=" + q(SYSTEM_WHOAMI), tenantAdmin, 403);
        get(base + "?kind=image&value=" + q(SYSTEM_WHOAMI), soc(other.id()), 404);
    }

    @Test
    void shouldServeTheAssetInventoryAndAuditCriticalityChanges() {
        Tenant tenant = fixtures.tenant();
        Instant now = clock.instant();
        pipeline.handle(FleetEvents.agentBatch(tenant.id(), "WS-ENRICH", "windows", "10.0.26100", now, "whoami"));
        pipeline.handle(List.of(FleetEvents.process(tenant.id(), "srv-enrich", now, "C:\\x.exe", "x", null)));
        String socToken = soc(tenant.id());
        String base = "/api/tenants/" + tenant.id() + "/assets";

        JsonNode page = get(base + "?limit=1", socToken, 200);
        assertThat(page.get("assets")).singleElement().satisfies(a -> {
            assertThat(a.get("id").asString()).isEqualTo("srv-enrich");
            assertThat(a.get("source").asString()).isEqualTo("SHIPPER");
        });
        JsonNode next = get(base + "?limit=1&cursor=" + page.get("nextCursor").asString(), socToken, 200);
        assertThat(next.get("assets")).singleElement().satisfies(a -> {
            assertThat(a.get("id").asString()).isEqualTo("ws-enrich");
            assertThat(a.get("source").asString()).isEqualTo("AGENT");
            assertThat(a.get("os").asString()).isEqualTo("windows");
            assertThat(a.get("product").asString()).isEqualTo("Vigil Agent 0.3.1");
            assertThat(a.get("criticality").asString()).isEqualTo("NORMAL");
        });
        assertThat(next.get("nextCursor").isNull()).isTrue();

        // Tenant users see their inventory; viewers cannot change it; admins can, audited.
        String viewer = new Http(base()).accessToken(fixtures.connection(Role.TENANT_VIEWER, tenant.id()));
        String admin = new Http(base()).accessToken(fixtures.connection(Role.TENANT_ADMIN, tenant.id()));
        assertThat(get(base + "/ws-enrich", viewer, 200).get("hostName").asString())
                .isEqualTo("ws-enrich");
        assertThat(put(base + "/ws-enrich/criticality", "{\"criticality\":\"HIGH\"}", viewer)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> changed = put(base + "/ws-enrich/criticality", "{\"criticality\":\"HIGH\"}", admin);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).get("criticality").asString()).isEqualTo("HIGH");
        List<AuditEntry> entries = audit.newest(TenantScope.of(tenant.id()), 50, 0).stream()
                .filter(e -> e.action().equals("asset.criticality_changed"))
                .toList();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("ws-enrich");
            assertThat(e.detail()).isEqualTo("NORMAL -> HIGH");
        });

        // Hostile and wrong bodies: a clear 400 or 413, nothing changed.
        assertThat(put(base + "/ws-enrich/criticality", "{\"criticality\":\"URGENT\"}", admin)
                        .body())
                .contains("Unknown criticality");
        assertThat(put(base + "/ws-enrich/criticality", "{\"criticality\":", admin)
                        .body())
                .contains("Not valid JSON");
        assertThat(put(base + "/ws-enrich/criticality", "[\"HIGH\"]", admin).body())
                .contains("JSON object");
        assertThat(put(base + "/ws-enrich/criticality", "{\"criticality\":7}", admin)
                        .statusCode())
                .isEqualTo(400);
        assertThat(put(base + "/ws-enrich/criticality", "{\"x\":\"" + "A".repeat(10_000) + "\"}", admin)
                        .statusCode())
                .isEqualTo(413);
        assertThat(put(base + "/nope/criticality", "{\"criticality\":\"LOW\"}", admin)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get(base + "/ws-enrich", socToken, 200).get("criticality").asString())
                .isEqualTo("HIGH");
        assertThat(get(base + "?limit=0", socToken, 400).toString()).contains("between 1 and 1000");
        get(base + "/ws-enrich", soc(fixtures.tenant().id()), 404);
    }
}
