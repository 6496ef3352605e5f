package io.vigil.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.platform.Role;
import io.vigil.server.tenant.User;
import io.vigil.server.tenant.UserService;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sign-in, sign-out, CSRF, lockout and the forced password change, over real HTTP. */
class PortalAuthTest extends ServerTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void shouldSignInShowTheHomePageAndSignOut() {
        User analyst = fixtures.user(Role.SOC_ANALYST, null);
        Http http = new Http(base());

        HttpResponse<String> login = http.login(analyst.username(), Fixtures.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(Http.location(login)).endsWith("/");
        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(analyst.username()).contains("Tenants you watch");

        HttpResponse<String> logout = http.postForm("/logout", Map.of());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(Http.location(logout)).endsWith("/login?signedOut");
        assertThat(http.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void shouldRefuseStateChangesWithoutTheCsrfToken() {
        User admin = fixtures.user(Role.PROVIDER_ADMIN, null);
        Http http = new Http(base());
        http.login(admin.username(), Fixtures.PASSWORD);

        HttpResponse<String> forged = http.postFormRaw("/tenants", Map.of("name", Fixtures.unique("Forged")));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = http.postFormRaw("/tenants", Map.of("name", "x", "_csrf", "not-the-token"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(http.get("/tenants").body()).doesNotContain("Forged");

        HttpResponse<String> withToken = http.postForm("/tenants", Map.of("name", Fixtures.unique("Real")));
        assertThat(withToken.statusCode()).isEqualTo(302);
    }

    @Test
    void shouldShowAProviderAdminEveryTenantWithItsAccountCount() {
        User admin = fixtures.user(Role.PROVIDER_ADMIN, null);
        io.vigil.server.tenant.Tenant tenant = fixtures.tenant();
        fixtures.user(Role.TENANT_VIEWER, tenant.id());
        Http http = new Http(base());
        http.login(admin.username(), Fixtures.PASSWORD);
        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(tenant.name()).contains("<td>1</td>");
    }

    @Test
    void shouldRefuseALoginPostWithoutTheCsrfToken() {
        User analyst = fixtures.user(Role.SOC_ANALYST, null);
        HttpResponse<String> r = new Http(base())
                .postFormRaw("/login", Map.of("username", analyst.username(), "password", Fixtures.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldLockTheAccountAfterThreeFailuresAndSaySo() {
        User analyst = fixtures.user(Role.SOC_ANALYST, null);
        Http http = new Http(base());
        HttpResponse<String> first = http.login(analyst.username(), "wrong password");
        assertThat(Http.location(first)).endsWith("/login?error");
        assertThat(http.get("/login?error").body()).contains("Wrong user name or password");

        http.login(analyst.username(), "wrong password");
        http.login(analyst.username(), "wrong password");
        assertThat(http.get("/login?error").body()).contains("locked after too many failed sign-ins");

        HttpResponse<String> right = http.login(analyst.username(), Fixtures.PASSWORD);
        assertThat(Http.location(right)).endsWith("/login?error");
        assertThat(http.get("/login?error").body()).contains("locked");
    }

    @Test
    void shouldForceAPasswordChangeAtTheFirstSignIn() {
        UserService.Created fresh = fixtures.freshUser(Role.SOC_ANALYST, null);
        Http http = new Http(base());
        assertThat(http.login(fresh.user().username(), fresh.initialPassword()).statusCode())
                .isEqualTo(302);

        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(Http.location(home)).endsWith("/account/password");
        assertThat(http.get("/tenants").statusCode()).isEqualTo(302);

        http.get("/account/password");
        HttpResponse<String> weak = http.postForm(
                "/account/password",
                Map.of("current", fresh.initialPassword(), "password", "short", "repeated", "short"));
        assertThat(Http.location(weak)).endsWith("/account/password");
        assertThat(http.get("/account/password").body()).contains("at least 12 characters");

        HttpResponse<String> ok = http.postForm(
                "/account/password",
                Map.of(
                        "current",
                        fresh.initialPassword(),
                        "password",
                        "my own passphrase",
                        "repeated",
                        "my own passphrase"));
        assertThat(Http.location(ok)).endsWith("/");
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldMakeTheFirstAdminFromTheConfiguredPasswordAndForceAChange() {
        Http http = new Http(base());
        assertThat(Http.location(http.login("admin", ADMIN_PASSWORD))).endsWith("/");
        HttpResponse<String> page = http.get("/account/password");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Choose your own password");
    }

    @Test
    void shouldSendStrictSecurityHeadersAndAHttpOnlySessionCookie() {
        HttpResponse<String> login = new Http(base()).get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v)
                        .contains("script-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("VIGIL_SESSION=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
    }

    @Test
    void shouldEscapeUserTextInPages() {
        User admin = fixtures.user(Role.PROVIDER_ADMIN, null);
        Http http = new Http(base());
        http.login(admin.username(), Fixtures.PASSWORD);
        http.get("/tenants");
        String name = "<script>alert(1)</script>" + Fixtures.unique("x");
        HttpResponse<String> created = http.postForm("/tenants", Map.of("name", name));
        HttpResponse<String> page = http.get(Http.location(created).replaceFirst("^https?://[^/]+", ""));
        assertThat(page.body())
                .doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
