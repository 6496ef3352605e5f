package io.vigil.server;

import io.vigil.server.api.ConnectionService;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP client for tests: a portal session (cookies, the CSRF token of the last page) or
 * bearer-token API calls. Redirects are not followed, so tests see them.
 */
public final class Http {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private @Nullable String csrf;

    public Http(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Signs in through the login form; returns the answer to the form post. */
    public HttpResponse<String> login(String username, String password) {
        get("/login");
        return postForm("/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** Posts a form with the CSRF token of the last page seen. */
    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.putIfAbsent("_csrf", csrf);
        }
        return postFormRaw(path, fields);
    }

    /** Posts a form exactly as given (no CSRF token added). */
    public HttpResponse<String> postFormRaw(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> getJson(String path, @Nullable String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public HttpResponse<String> postJson(String path, String json, @Nullable String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    /** A JSON request with any method (PATCH, PUT, DELETE …). */
    public HttpResponse<String> sendJson(String method, String path, String json, @Nullable String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    /**
     * A body of any content type with an {@code Authorization} header as given (e.g. {@code Bearer
     * vgk_…} or {@code Basic …}): the ingest endpoints.
     */
    public HttpResponse<String> post(String path, String body, String contentType, String authorization) {
        return send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType)
                .header("Authorization", authorization)
                .build());
    }

    /** Exchanges an API connection's refresh token for an access token (fails the test on anything but 200). */
    public String accessToken(ConnectionService.Issued issued) {
        HttpResponse<String> r = postJson(
                "/api/v1/" + issued.connection().clientId() + "/session/confirm",
                "{\"refresh_token\": \"" + issued.refreshToken() + "\"}",
                null);
        if (r.statusCode() != 200) {
            throw new AssertionError("session/confirm answered " + r.statusCode() + ": " + r.body());
        }
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (!m.find()) {
            throw new AssertionError("no access_token in " + r.body());
        }
        return m.group(1);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(response.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
