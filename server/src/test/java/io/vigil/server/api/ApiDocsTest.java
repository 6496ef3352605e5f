package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document of the native API: served without a token, it lists every {@code /api/}
 * route the application has (read from Spring MVC's handler mapping, so a route added later without
 * documentation fails here), with its methods, a tag, and the bearer security scheme.
 */
class ApiDocsTest extends ServerTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode spec() {
        HttpResponse<String> r = new Http(base()).getJson("/api/openapi.json", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
        return json.readTree(r.body());
    }

    /** The application's own routes under /api/ (not springdoc's), pattern → methods. */
    private Map<String, Set<String>> apiRoutes() {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mapping.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("io.vigil.")) {
                continue;
            }
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                assertThat(methods)
                        .as("route %s must name its HTTP methods", pattern)
                        .isNotEmpty();
                methods.forEach(m -> routes.computeIfAbsent(pattern, p -> new TreeSet<>())
                        .add(m.name().toLowerCase(Locale.ROOT)));
            }
        }
        assertThat(routes).hasSizeGreaterThan(40);
        return routes;
    }

    private static List<String> missing(JsonNode spec, Map<String, Set<String>> routes) {
        List<String> missing = new ArrayList<>();
        routes.forEach((pattern, methods) -> {
            JsonNode path = spec.path("paths").path(pattern);
            for (String m : methods) {
                if (!path.has(m)) {
                    missing.add(m.toUpperCase(Locale.ROOT) + " " + pattern);
                }
            }
        });
        return missing;
    }

    @Test
    void shouldDocumentEveryIncidentAndTriageRouteWithItsMethodsSummaryAndTag() {
        JsonNode spec = spec();
        Map<String, Set<String>> routes = new TreeMap<>();
        apiRoutes().forEach((pattern, methods) -> {
            if (pattern.contains("/incident") || pattern.contains("/triage/")) {
                routes.put(pattern, methods);
            }
        });
        assertThat(routes)
                .containsKeys(
                        "/api/tenants/{tenantId}/incidents",
                        "/api/tenants/{tenantId}/incidents/{incidentId}",
                        "/api/tenants/{tenantId}/incidents/{incidentId}/attachments",
                        "/api/tenants/{tenantId}/triage/queue",
                        "/api/triage/customer-requests");
        assertThat(missing(spec, routes))
                .as("incident and triage routes missing from the spec")
                .isEmpty();
        List<String> undocumented = new ArrayList<>();
        routes.forEach((pattern, methods) -> methods.forEach(m -> {
            JsonNode op = spec.path("paths").path(pattern).path(m);
            String tag = op.path("tags").path(0).asString("");
            if (op.path("summary").asString("").isBlank() || !(tag.equals("incidents") || tag.equals("triage"))) {
                undocumented.add(
                        m + " " + pattern + " summary='" + op.path("summary").asString("") + "' tag=" + tag);
            }
        }));
        assertThat(undocumented).as("operations without a summary or area tag").isEmpty();
        JsonNode patch = spec.at("/paths/~1api~1tenants~1{tenantId}~1incidents~1{incidentId}/patch");
        assertThat(patch.path("parameters").toString()).contains("If-Match");
        assertThat(patch.at("/responses/default/content").propertyNames()).contains("application/problem+json");
        assertThat(spec.at("/components/schemas/Problem/properties/message").isObject())
                .isTrue();
        assertThat(patch.path("parameters").toString())
                .as("the caller is resolved from the token, never a parameter")
                .doesNotContain("actor")
                .doesNotContain("scope");
        assertThat(spec.at("/paths/~1api~1tenants~1{tenantId}~1incidents~1{incidentId}~1attachments/post/requestBody")
                        .path("content")
                        .propertyNames())
                .contains("multipart/form-data", "application/octet-stream");
    }

    @Test
    void shouldDocumentEveryApiRouteOfTheApplicationUnderAKnownTag() {
        JsonNode spec = spec();
        Map<String, Set<String>> routes = apiRoutes();
        assertThat(missing(spec, routes))
                .as("routes under /api/ missing from /api/openapi.json: document them (or, for a route that"
                        + " must stay out of the spec, change this test on purpose)")
                .isEmpty();
        Set<String> tags = new TreeSet<>();
        ApiDocsConfiguration.TAGS.forEach(t -> tags.add(t.getName()));
        List<String> untagged = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        spec.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    String tag = op.getValue().path("tags").path(0).asString("");
                    if (!tags.contains(tag)) {
                        untagged.add(op.getKey() + " " + path.getKey() + " tag=" + tag);
                    }
                    if (!routes.getOrDefault(path.getKey(), Set.of()).contains(op.getKey())) {
                        extra.add(op.getKey() + " " + path.getKey());
                    }
                }));
        assertThat(untagged).as("operations outside the declared areas").isEmpty();
        List<String> internal = new ArrayList<>();
        spec.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> op.getValue().path("parameters").forEach(p -> {
                            String name = p.path("name").asString("");
                            if (Set.of("actor", "request", "response", "scope").contains(name)) {
                                internal.add(op.getKey() + " " + path.getKey() + " " + name);
                            }
                        })));
        assertThat(internal)
                .as("server-side arguments (the caller, the servlet request) documented as parameters")
                .isEmpty();
        assertThat(extra)
                .as("documented operations the application does not have")
                .isEmpty();
    }

    @Test
    void shouldDeclareTheBearerSchemeForAllButSessionConfirm() {
        JsonNode spec = spec();
        assertThat(spec.path("openapi").asString()).startsWith("3.");
        JsonNode scheme = spec.at("/components/securitySchemes/bearer");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(spec.path("security").toString()).contains("bearer");
        JsonNode confirm = spec.at("/paths/~1api~1v1~1{client_id}~1session~1confirm/post");
        assertThat(confirm.path("security").isArray()).isTrue();
        assertThat(confirm.path("security").size()).as("no token needed").isZero();
    }

    @Test
    void shouldServeSwaggerUiWithoutInlineScriptsUnderItsOwnPolicy() {
        Http http = new Http(base());
        HttpResponse<String> entry = http.get("/api/docs");
        assertThat(entry.statusCode()).as(entry.body()).isEqualTo(302);
        String index = Http.location(entry).replaceFirst("^https?://[^/]+", "");
        assertThat(index).isEqualTo("/api/swagger-ui/index.html");
        HttpResponse<String> page = http.get(index);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(INLINE_SCRIPT.matcher(page.body()).find())
                .as("inline scripts would need 'unsafe-inline'")
                .isFalse();
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("script-src 'self'").doesNotContain("script-src 'self' 'unsafe");
        assertThat(csp).contains("frame-ancestors 'none'");
        String config =
                http.get(index.replace("index.html", "swagger-initializer.js")).body();
        assertThat(config).contains("/api/openapi.json");
        assertThat(http.get("/api/openapi.json/swagger-config").statusCode()).isEqualTo(200);
        HttpResponse<String> api = http.getJson("/api/tenants", null);
        assertThat(api.statusCode()).as("the API itself still needs a token").isEqualTo(401);
    }
}
