package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.tenant.Tenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API connection tokens: issue, confirm, rotation, expiry and revocation, over real HTTP. */
class ApiTokenTest extends ServerTest {

    private static final Actor ROOT =
            new Actor(Actor.Kind.USER, "test", "test", Role.PROVIDER_ADMIN, null, TenantScope.all());

    @Autowired
    Fixtures fixtures;

    @Autowired
    ConnectionService connections;

    @Autowired
    MutableClock clock;

    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> confirm(Http http, String clientId, String refresh) {
        return http.postJson(
                "/api/v1/" + clientId + "/session/confirm", "{\"refresh_token\": \"" + refresh + "\"}", null);
    }

    private JsonNode body(HttpResponse<String> r) {
        return json.readTree(r.body());
    }

    private JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    @Test
    void shouldConfirmRotateExpireAndRevokeTokens() {
        Tenant tenant = fixtures.tenant();
        ConnectionService.Issued issued = fixtures.connection(Role.TENANT_ADMIN, tenant.id());
        String clientId = issued.connection().clientId();
        Http http = new Http(base());

        JsonNode portalRefresh = claims(issued.refreshToken());
        assertThat(portalRefresh.get("exp").asLong() - portalRefresh.get("iat").asLong())
                .isEqualTo(24 * 3600);

        HttpResponse<String> first = confirm(http, clientId, issued.refreshToken());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        String access = body(first).get("access_token").asString();
        String refresh = body(first).get("refresh_token").asString();
        JsonNode accessClaims = claims(access);
        assertThat(accessClaims.get("exp").isNumber()).isTrue();
        assertThat(accessClaims.get("exp").asLong() - accessClaims.get("iat").asLong())
                .isEqualTo(3600);
        assertThat(claims(refresh).get("exp").asLong()
                        - claims(refresh).get("iat").asLong())
                .isEqualTo(7 * 24 * 3600);

        HttpResponse<String> me = http.getJson("/api/me", access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(body(me).get("name").asString())
                .isEqualTo(issued.connection().name());
        assertThat(body(me).get("tenantIds").get(0).asString())
                .isEqualTo(tenant.id().value());

        // Rotation: the used refresh token is dead, the new one works once.
        HttpResponse<String> reused = confirm(http, clientId, issued.refreshToken());
        assertThat(reused.statusCode()).isEqualTo(403);
        assertThat(body(reused).get("message").asString()).contains("already used");
        HttpResponse<String> second = confirm(http, clientId, refresh);
        assertThat(second.statusCode()).isEqualTo(200);
        String latestRefresh = body(second).get("refresh_token").asString();
        assertThat(confirm(http, clientId, refresh).statusCode()).isEqualTo(403);

        // Expiry: after an hour the access token is refused with 403 and a JSON message.
        clock.advance(Duration.ofMinutes(61));
        HttpResponse<String> expired = http.getJson("/api/me", access);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(body(expired).get("message").asString()).contains("expired");

        HttpResponse<String> third = confirm(http, clientId, latestRefresh);
        assertThat(third.statusCode()).isEqualTo(200);
        String access3 = body(third).get("access_token").asString();
        String refresh3 = body(third).get("refresh_token").asString();
        assertThat(http.getJson("/api/me", access3).statusCode()).isEqualTo(200);

        // Revocation kills the access token and the refresh token at once.
        connections.revoke(ROOT, clientId, "test");
        HttpResponse<String> revoked = http.getJson("/api/me", access3);
        assertThat(revoked.statusCode()).isEqualTo(403);
        assertThat(body(revoked).get("message").asString()).contains("revoked");
        assertThat(confirm(http, clientId, refresh3).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseThePortalRefreshTokenAfter24Hours() {
        ConnectionService.Issued issued = fixtures.connection(Role.SOC_ANALYST, null);
        clock.advance(Duration.ofHours(25));
        HttpResponse<String> r = confirm(new Http(base()), issued.connection().clientId(), issued.refreshToken());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseARefreshTokenSentToAnotherConnection() {
        ConnectionService.Issued a = fixtures.connection(Role.SOC_ANALYST, null);
        ConnectionService.Issued b = fixtures.connection(Role.SOC_ANALYST, null);
        HttpResponse<String> r = confirm(new Http(base()), b.connection().clientId(), a.refreshToken());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(body(r).get("message").asString()).contains("another API connection");
    }

    @Test
    void shouldRefuseAnAccessTokenOnAnotherConnectionsV1Path() {
        ConnectionService.Issued a = fixtures.connection(Role.SOC_ANALYST, null);
        ConnectionService.Issued b = fixtures.connection(Role.SOC_ANALYST, null);
        Http http = new Http(base());
        String access = body(confirm(http, a.connection().clientId(), a.refreshToken()))
                .get("access_token")
                .asString();
        HttpResponse<String> r = http.postJson("/api/v1/" + b.connection().clientId() + "/assets/count", "{}", access);
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldAnswerMissingMalformedAndForgedCredentialsWithClearJson() {
        Http http = new Http(base());
        HttpResponse<String> none = http.getJson("/api/me", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(body(none).get("message").asString()).contains("Bearer");

        HttpResponse<String> garbage = http.getJson("/api/me", "not-a-jwt");
        assertThat(garbage.statusCode()).isEqualTo(403);

        String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwidG9rZW5fdXNlIjoiYWNjZXNzIiwiZXhwIjo0MTAyNDQ0ODAwfQ."
                + "c2lnbmF0dXJlLW5vdC12YWxpZA";
        assertThat(http.getJson("/api/me", forged).statusCode()).isEqualTo(403);

        ConnectionService.Issued issued = fixtures.connection(Role.SOC_ANALYST, null);
        String clientId = issued.connection().clientId();
        HttpResponse<String> noBody = http.postJson("/api/v1/" + clientId + "/session/confirm", "", null);
        assertThat(noBody.statusCode()).isEqualTo(400);
        HttpResponse<String> badJson =
                http.postJson("/api/v1/" + clientId + "/session/confirm", "{\"refresh_token\": ", null);
        assertThat(badJson.statusCode()).isEqualTo(400);
        HttpResponse<String> missing = http.postJson("/api/v1/" + clientId + "/session/confirm", "{}", null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(body(missing).get("message").asString()).contains("refresh_token");
        HttpResponse<String> textPlain = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base() + "/api/v1/" + clientId + "/session/confirm"))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("refresh_token=x"))
                .build());
        assertThat(textPlain.statusCode()).isEqualTo(415);
        HttpResponse<String> huge = confirm(http, clientId, "x".repeat(20_000));
        assertThat(huge.statusCode()).isEqualTo(400);
        // The real token still works after all that.
        assertThat(confirm(http, clientId, issued.refreshToken()).statusCode()).isEqualTo(200);
    }
}
