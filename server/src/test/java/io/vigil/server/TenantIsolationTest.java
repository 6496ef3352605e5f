package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vigil.server.api.ConnectionService;
import io.vigil.server.asset.AssetService;
import io.vigil.server.detection.Alert;
import io.vigil.server.detection.AlertService;
import io.vigil.server.detection.TenantRuleText;
import io.vigil.server.detection.TenantRulesService;
import io.vigil.server.incident.ConversationService;
import io.vigil.server.incident.IncidentFields;
import io.vigil.server.incident.IncidentService;
import io.vigil.server.incident.IncidentView;
import io.vigil.server.incident.Priority;
import io.vigil.server.ingest.IngestKey;
import io.vigil.server.intel.Indicator;
import io.vigil.server.intel.IntelService;
import io.vigil.server.intel.IocType;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.store.StoreEvents;
import io.vigil.server.store.TelemetryStore;
import io.vigil.server.tenant.Tenant;
import io.vigil.server.tenant.User;
import io.vigil.server.triage.CandidateGrouper;
import io.vigil.telemetry.CanonicalEvent;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Tenant isolation over every route the application has: the routes are read from Spring MVC's
 * handler mapping, so a route added later is covered without touching this test. A person or token
 * of tenant A (and a SOC analyst assigned only to A) must get 403 or 404 for every route that names
 * a thing of tenant B, and no list page or list endpoint may show tenant B.
 */
class TenantIsolationTest extends ServerTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired
    Fixtures fixtures;

    @Autowired
    TelemetryStore store;

    @Autowired
    AlertService alerts;

    @Autowired
    IntelService intel;

    @Autowired
    AssetService assets;

    @Autowired
    TenantRulesService tenantRules;

    @Autowired
    IncidentService incidents;

    @Autowired
    ConversationService conversation;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    private Tenant tenantA;
    private Tenant tenantB;
    private final Map<String, String> idsOfB = new LinkedHashMap<>();
    private String refreshOfA = "";

    /** One route: a method and a path pattern. */
    private record Route(RequestMethod method, String pattern) {}

    @BeforeEach
    void twoTenants() {
        tenantA = fixtures.tenant();
        tenantB = fixtures.tenant();
        User userOfB = fixtures.user(Role.TENANT_ADMIN, tenantB.id());
        ConnectionService.Issued connectionOfB = fixtures.connection(Role.TENANT_ADMIN, tenantB.id());
        idsOfB.put("tenantId", tenantB.id().value());
        idsOfB.put("userId", userOfB.id().value());
        idsOfB.put("clientId", connectionOfB.connection().clientId());
        idsOfB.put("client_id", connectionOfB.connection().clientId());
        CanonicalEvent eventOfB = StoreEvents.processStart(tenantB.id(), "host-of-b", Instant.now(), "whoami");
        store.write(List.of(eventOfB));
        idsOfB.put("eventId", eventOfB.envelope().id().value());
        assets.observe(List.of(eventOfB));
        idsOfB.put("assetId", "host-of-b");
        idsOfB.put(
                "keyId",
                fixtures.ingestKey(tenantB.id(), IngestKey.Purpose.SHIPPER)
                        .key()
                        .id());
        idsOfB.put("agentId", "0123456789abcdef");
        String alertKey = "sigma:isolation-test:" + eventOfB.envelope().id().value();
        alerts.record(List.of(new Alert(
                Alert.idFor(tenantB.id(), alertKey),
                tenantB.id(),
                alertKey,
                Alert.Technology.SIGMA,
                "isolation-test",
                "Isolation test",
                "high",
                List.of(),
                List.of(),
                "host-of-b",
                eventOfB.envelope().id().value(),
                Instant.now(),
                Instant.now(),
                List.of())));
        idsOfB.put("alertId", Alert.idFor(tenantB.id(), alertKey));
        idsOfB.put("candidateId", CandidateGrouper.idFor(tenantB.id(), Alert.idFor(tenantB.id(), alertKey)));
        idsOfB.put(
                "iocId",
                Long.toString(intel.add(
                                Fixtures.root(),
                                tenantB.id(),
                                Indicator.of(IocType.DOMAIN, "evil-of-b.example", List.of(), ""),
                                "127.0.0.1")
                        .id()));
        // Feeds are provider-wide, not tenant B's: a tenant-A caller gets 403 (tenant roles) or 404
        // (no such feed); IntelApiTest checks the roles on real feeds.
        idsOfB.put("feedId", "no-such-feed");
        // springdoc's /api/openapi.json/{group}: the document names no tenant; Vigil has one group.
        idsOfB.put("group", "no-such-group");
        String ruleOfB = "7e0b0000-0000-4000-8000-"
                + tenantB.id().value().replaceAll("[^0-9a-f]", "0").substring(0, 12);
        idsOfB.put(
                "customRuleId",
                tenantRules
                        .create(
                                Fixtures.root(),
                                tenantB.id(),
                                TenantRuleText.Kind.RULE,
                                "rule of b",
                                "title: Rule of B\nid: " + ruleOfB + "\nlogsource: {product: windows, category:"
                                        + " process_creation}\ndetection: {selection: {CommandLine: 'of-b'},"
                                        + " condition: selection}\n",
                                "127.0.0.1")
                        .id());
        idsOfB.put(
                "exclusionId",
                tenantRules
                        .create(
                                Fixtures.root(),
                                tenantB.id(),
                                TenantRuleText.Kind.EXCLUSION,
                                "exclusion of b",
                                "title: Exclusion of B\nid: f" + ruleOfB.substring(1) + "\nfilter: {rules: [" + ruleOfB
                                        + "], selection: {User: 'x'}, condition: selection}\n",
                                "127.0.0.1")
                        .id());
        idsOfB.put("ruleId", ruleOfB);
        idsOfB.put("packId", "vigil-ioa");
        IncidentView incidentOfB = incidents.create(
                Fixtures.root(),
                tenantB.id(),
                new IncidentFields(
                        Priority.HIGH,
                        "Incident of B",
                        "",
                        "",
                        "",
                        List.of(),
                        List.of(),
                        "",
                        "",
                        List.of(),
                        List.of(),
                        List.of()),
                List.of(idsOfB.get("alertId")),
                true,
                "127.0.0.1");
        idsOfB.put("incidentId", incidentOfB.incident().id());
        // A customer request of B: the SOC queue of customer requests names tenants in a query parameter.
        incidents.createByCustomer(
                new Actor(
                        Actor.Kind.USER,
                        userOfB.id().value(),
                        userOfB.username(),
                        Role.TENANT_ADMIN,
                        tenantB.id(),
                        TenantScope.of(tenantB.id())),
                tenantB.id(),
                "Request of B",
                "",
                List.of(),
                null,
                "127.0.0.1");
        idsOfB.put(
                "attachmentId",
                conversation
                        .attach(
                                Fixtures.root(),
                                tenantB.id(),
                                incidentOfB.incident().id(),
                                "b.txt",
                                "",
                                new byte[] {1},
                                "127.0.0.1")
                        .id());
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    routes.add(new Route(m, pattern));
                }
            }
        }
        assertThat(routes).as("the application's routes").hasSizeGreaterThan(15);
        return routes;
    }

    private String pathOfB(Route route) {
        Matcher m = VARIABLE.matcher(route.pattern());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String id = idsOfB.get(m.group(1));
            if (id == null) {
                fail("Route " + route + " has the path variable {" + m.group(1) + "}: add an id of tenant B for it"
                        + " to TenantIsolationTest.twoTenants() so the route's isolation is tested.");
            }
            m.appendReplacement(path, Matcher.quoteReplacement(id));
        }
        m.appendTail(path);
        return path.toString();
    }

    private static boolean isApi(Route route) {
        return route.pattern().startsWith("/api/");
    }

    /**
     * {@code /ingest/**} routes name no tenant: the tenant comes from the sender's credentials
     * (IngestTest checks that a key only ever writes its own tenant's telemetry).
     */
    private static boolean isIngest(Route route) {
        return route.pattern().startsWith("/ingest/");
    }

    private static boolean hasVariables(Route route) {
        return route.pattern().contains("{");
    }

    private HttpResponse<String> call(Http http, Route route, String path, String bearer) {
        if (isApi(route)) {
            // POST bodies carry a refresh token of tenant A too, for session/confirm.
            return switch (route.method()) {
                case GET -> http.getJson(path, bearer);
                case POST -> http.postJson(path, "{\"refresh_token\": \"" + refreshOfA + "\"}", bearer);
                default ->
                    http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                            .method(
                                    route.method().name(),
                                    java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + bearer)
                            .build());
            };
        }
        if (route.method() == RequestMethod.GET) {
            return http.get(path);
        }
        http.get("/"); // a fresh CSRF token
        return http.postForm(path, Map.of());
    }

    private String accessTokenOf(ConnectionService.Issued issued) {
        return new Http(base()).accessToken(issued);
    }

    @Test
    void shouldRefuseEveryRouteNamingTenantBToPeopleAndTokensOfTenantA() {
        User adminOfA = fixtures.user(Role.TENANT_ADMIN, tenantA.id());
        User analystOfA = fixtures.user(Role.SOC_ANALYST, null, tenantA.id());
        String tokenOfA = accessTokenOf(fixtures.connection(Role.TENANT_ADMIN, tenantA.id()));
        String analystTokenOfA = accessTokenOf(fixtures.connection(Role.SOC_ANALYST, tenantA.id()));
        refreshOfA = fixtures.connection(Role.TENANT_ADMIN, tenantA.id()).refreshToken();

        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (User person : List.of(adminOfA, analystOfA)) {
            Http portal = new Http(base());
            assertThat(portal.login(person.username(), Fixtures.PASSWORD).statusCode())
                    .isEqualTo(302);
            for (Route route : routes()) {
                if (!hasVariables(route) || isApi(route) || isIngest(route)) {
                    continue;
                }
                HttpResponse<String> r = call(portal, route, pathOfB(route), "");
                checked++;
                if (r.statusCode() != 403 && r.statusCode() != 404) {
                    leaks.add(person.role() + " " + route + " -> " + r.statusCode() + " " + Http.location(r));
                }
            }
        }
        for (String token : List.of(tokenOfA, analystTokenOfA)) {
            Http api = new Http(base());
            for (Route route : routes()) {
                if (!hasVariables(route) || !isApi(route)) {
                    continue;
                }
                HttpResponse<String> r = call(api, route, pathOfB(route), token);
                checked++;
                if (r.statusCode() != 403 && r.statusCode() != 404) {
                    leaks.add("token " + route + " -> " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(leaks)
                .as("routes that answered a tenant-A caller about tenant B")
                .isEmpty();
    }

    @Test
    void shouldKeepTenantBOutOfTheSocQueueOfCustomerRequestsOfAnAnalystOfA() {
        String analystTokenOfA = accessTokenOf(fixtures.connection(Role.SOC_ANALYST, tenantA.id()));
        Http api = new Http(base());
        HttpResponse<String> all = api.getJson("/api/triage/customer-requests?limit=200", analystTokenOfA);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).doesNotContain(tenantB.id().value()).doesNotContain("Request of B");
        assertThat(api.getJson(
                                "/api/triage/customer-requests?tenantId="
                                        + tenantB.id().value(),
                                analystTokenOfA)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> asAdmin = api.getJson(
                "/api/triage/customer-requests?tenantId=" + tenantB.id().value(),
                accessTokenOf(fixtures.connection(Role.PROVIDER_ADMIN, null)));
        assertThat(asAdmin.body()).as("the request of B is there to be leaked").contains("Request of B");
    }

    @Test
    void shouldNeverShowTenantBOnListPagesOrListEndpoints() {
        User adminOfA = fixtures.user(Role.TENANT_ADMIN, tenantA.id());
        User analystOfA = fixtures.user(Role.SOC_ANALYST, null, tenantA.id());
        String tokenOfA = accessTokenOf(fixtures.connection(Role.TENANT_ADMIN, tenantA.id()));
        List<String> leaks = new ArrayList<>();
        for (User person : List.of(adminOfA, analystOfA)) {
            Http portal = new Http(base());
            portal.login(person.username(), Fixtures.PASSWORD);
            for (Route route : routes()) {
                if (route.method() != RequestMethod.GET || hasVariables(route) || isApi(route) || isIngest(route)) {
                    continue;
                }
                String body = portal.get(route.pattern()).body();
                if (body.contains(tenantB.name())
                        || body.contains(tenantB.id().value())
                        || body.contains(idsOfB.get("clientId"))) {
                    leaks.add(person.role() + " " + route);
                }
            }
        }
        Http api = new Http(base());
        for (Route route : routes()) {
            if (route.method() != RequestMethod.GET || hasVariables(route) || !isApi(route)) {
                continue;
            }
            String body = api.getJson(route.pattern(), tokenOfA).body();
            if (body.contains(tenantB.name()) || body.contains(tenantB.id().value())) {
                leaks.add("token " + route);
            }
        }
        assertThat(leaks).as("list pages that showed tenant B to tenant A").isEmpty();
    }
}
