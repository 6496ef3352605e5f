package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Optimistic locking of incident edits over HTTP: ETag on GET, If-Match (or version) on changes, 412 when stale. */
class IncidentVersionTest extends IncidentApiSupport {

    private HttpResponse<String> change(
            String method, String path, String body, String token, @Nullable String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token);
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http().send(b.build());
    }

    private static String etag(HttpResponse<String> r) {
        return r.headers().firstValue("ETag").orElse("");
    }

    @Test
    void shouldRefuseAStaleEditWith412AndKeepTheOtherChange() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        JsonNode created = socIncident(t, soc, "NORMAL");
        String path = incidents(t) + "/" + created.get("id").asString();
        HttpResponse<String> read = http().getJson(path, soc);
        assertThat(etag(read)).isEqualTo("\"0\"");
        assertThat(json.readTree(read.body()).get("version").asLong()).isZero();

        HttpResponse<String> first = change("PATCH", path, "{\"summary\": \"Mine\"}", soc, "\"0\"");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(etag(first)).isEqualTo("\"1\"");
        int historyLines = history(path, soc).size();

        HttpResponse<String> stale = change("PATCH", path, "{\"summary\": \"Theirs\"}", soc, "\"0\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(json.readTree(stale.body()).get("message").asString())
                .contains("has changed since version 0")
                .contains("at version 1 now")
                .contains("nothing was changed")
                .contains("If-Match: \"1\"");
        JsonNode now = ok(http().getJson(path, soc), 200);
        assertThat(now.get("summary").asString()).isEqualTo("Mine");
        assertThat(history(path, soc))
                .as("no history line for a refused change")
                .hasSize(historyLines);

        // The version field in the body works like If-Match; a status change too.
        assertThat(change("PATCH", path, "{\"summary\": \"x\", \"version\": 0}", soc, null)
                        .statusCode())
                .isEqualTo(412);
        assertThat(change("POST", path + "/status", "{\"status\": \"ON_HOLD\"}", soc, "\"0\"")
                        .statusCode())
                .isEqualTo(412);
        HttpResponse<String> held =
                change("POST", path + "/status", "{\"status\": \"ON_HOLD\", \"version\": 1}", soc, null);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
        assertThat(etag(held)).isEqualTo("\"2\"");

        // Comments and attachments change the incident too: an edit based on the copy before is stale.
        ok(http().postJson(path + "/comments", "{\"text\": \"note\"}", soc), 201);
        assertThat(change("PATCH", path, "{\"attackStage\": \"execution\"}", soc, "\"2\"")
                        .statusCode())
                .isEqualTo(412);
        String current = etag(http().getJson(path, soc));
        assertThat(current).isEqualTo("\"3\"");
        assertThat(change("PATCH", path, "{\"attackStage\": \"execution\"}", soc, "W/" + current)
                        .statusCode())
                .as("a weak form of the current tag is taken")
                .isEqualTo(200);

        // Without If-Match the last write wins, as before; If-Match: * asks for nothing.
        assertThat(change("PATCH", path, "{\"summary\": \"Last\"}", soc, null).statusCode())
                .isEqualTo(200);
        assertThat(change("PATCH", path, "{\"summary\": \"Any\"}", soc, "*").statusCode())
                .isEqualTo(200);

        JsonNode malformed = ok(change("PATCH", path, "{\"summary\": \"x\"}", soc, "abc"), 400);
        assertThat(malformed.get("message").asString()).contains("If-Match");
        JsonNode both = ok(change("PATCH", path, "{\"summary\": \"x\", \"version\": 4}", soc, "\"5\""), 400);
        assertThat(both.get("message").asString()).contains("If-Match says 5").contains("version is 4");
        assertThat(ok(change("PATCH", path, "{\"version\": \"4\"}", soc, null), 400)
                        .get("message")
                        .asString())
                .contains("version");
    }

    @Test
    void shouldLetExactlyOneOfTwoConcurrentEditsOfTheSameVersionThrough() throws Exception {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String path = incidents(t) + "/" + socIncident(t, soc, "HIGH").get("id").asString();
        String tag = etag(http().getJson(path, soc));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<HttpResponse<String>>> edits = List.of(
                () -> {
                    start.await();
                    return change("PATCH", path, "{\"recommendations\": \"Isolate ws-1\"}", soc, tag);
                },
                () -> {
                    start.await();
                    return change("PATCH", path, "{\"recommendations\": \"Reset passwords\"}", soc, tag);
                });
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<HttpResponse<String>>> running = new ArrayList<>();
            for (Callable<HttpResponse<String>> e : edits) {
                running.add(pool.submit(e));
            }
            start.countDown();
            for (Future<HttpResponse<String>> f : running) {
                statuses.add(f.get().statusCode());
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        JsonNode now = ok(http().getJson(path, soc), 200);
        assertThat(now.get("version").asLong()).isEqualTo(1);
        assertThat(history(path, soc).stream()
                        .filter(h -> h.get("field").asString().equals("recommendations"))
                        .count())
                .as("one recorded change")
                .isEqualTo(1);

        // Without If-Match, concurrent edits of different fields both stay (no lost update).
        CountDownLatch again = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<HttpResponse<String>> a = pool.submit(() -> {
                again.await();
                return change("PATCH", path, "{\"attackStage\": \"impact\"}", soc, null);
            });
            Future<HttpResponse<String>> b = pool.submit(() -> {
                again.await();
                return change("PATCH", path, "{\"detectionTechnology\": \"EDR\"}", soc, null);
            });
            again.countDown();
            assertThat(a.get().statusCode()).isEqualTo(200);
            assertThat(b.get().statusCode()).isEqualTo(200);
        }
        JsonNode both = ok(http().getJson(path, soc), 200);
        assertThat(both.get("attackStage").asString()).isEqualTo("impact");
        assertThat(both.get("detectionTechnology").asString()).isEqualTo("EDR");
        assertThat(both.get("version").asLong()).isEqualTo(3);
    }
}
