package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Comments, attachments, SLA clocks, the jobs and hostile input, through HTTP. */
class IncidentConversationApiTest extends IncidentApiSupport {

    private String soc(Tenant t) {
        return token(Role.SOC_ANALYST, t.id());
    }

    private String customer(Tenant t) {
        return token(Role.TENANT_ADMIN, t.id());
    }

    @Test
    void shouldRenderCommentsSafelyTrackReadStateAndStopTheCustomerClockAtTheFirstSocAnswer() {
        Tenant t = fixtures.tenant();
        String customer = customer(t);
        String soc = soc(t);
        JsonNode own = ok(
                http().postJson(
                                incidents(t),
                                "{\"summary\": \"Phishing mail?\", \"affectedHosts\": [\"ws-1\"]}",
                                customer),
                201);
        String path = incidents(t) + "/" + own.get("id").asString();
        String hostile = "Look <script>alert(1)</script> [here](javascript:alert(1)) <img src=x onerror=alert(1)>";
        JsonNode comment = ok(
                http().postJson(
                                path + "/comments",
                                json.writeValueAsString(java.util.Map.of("text", hostile)),
                                customer),
                201);
        assertThat(comment.get("text").asString()).isEqualTo(hostile);
        assertThat(comment.get("origin").asString()).isEqualTo("CUSTOMER");
        String html = comment.get("html").asString();
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("href=\"javascript")
                .doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;");

        JsonNode socView = ok(http().getJson(path + "/comments", soc), 200);
        assertThat(socView.get(0).get("wasRead").asBoolean()).isFalse();
        assertThat(ok(http().getJson(path, soc), 200).at("/sla/state").asString())
                .isEqualTo("RUNNING");
        clock.advance(Duration.ofMinutes(5));
        ok(http().postJson(path + "/comments", "{\"text\": \"We are **on it**.\"}", soc), 201);
        JsonNode answered = ok(http().getJson(path, soc), 200);
        assertThat(answered.at("/sla/state").asString()).isEqualTo("MET");
        assertThat(answered.get("firstAnswerTime").isNull()).isFalse();
        ok(http().postJson(path + "/read", "{}", soc), 204);
        assertThat(ok(http().getJson(path + "/comments", soc), 200)
                        .get(0)
                        .get("wasRead")
                        .asBoolean())
                .isTrue();
        JsonNode customerView = ok(http().getJson(path + "/comments", customer), 200);
        assertThat(customerView.get(0).get("wasRead").asBoolean())
                .as("own comment")
                .isTrue();
        assertThat(customerView.get(1).get("wasRead").asBoolean()).isFalse();
        assertThat(customerView.get(1).get("html").asString()).contains("<strong>on it</strong>");
    }

    @Test
    void shouldRefuseAnElevenMegabyteUploadWhileStreamingAndStoreNothing() {
        Tenant t = fixtures.tenant();
        String soc = soc(t);
        String path = incidents(t) + "/" + socIncident(t, soc, "HIGH").get("id").asString();
        int historyBefore = history(path, soc).size();
        byte[] eleven = new byte[11 * 1024 * 1024];
        HttpResponse<String> refused = http().send(
                        HttpRequest.newBuilder(URI.create(base() + path + "/attachments?name=big.bin"))
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(eleven)))
                                .header("Content-Type", "application/octet-stream")
                                .header("Authorization", "Bearer " + soc)
                                .build());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(json.readTree(refused.body()).get("message").asString())
                .contains("larger than 10485760 bytes")
                .contains("nothing was stored");
        assertThat(ok(http().getJson(path + "/attachments", soc), 200).size()).isZero();
        assertThat(history(path, soc)).hasSize(historyBefore);

        byte[] ten = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(ten);
        JsonNode stored = ok(upload(path + "/attachments?name=memory.bin&caption=dump", ten, soc), 201);
        assertThat(stored.get("size").asLong()).isEqualTo(ten.length);
        assertThat(stored.get("sha256").asString()).isEqualTo(ConversationService.sha256(ten));
        assertThat(stored.get("caption").asString()).isEqualTo("dump");
        HttpResponse<byte[]> back =
                download(path + "/attachments/" + stored.get("id").asString(), soc);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).isEqualTo(ten);
        assertThat(upload(path + "/attachments?name=empty.txt", new byte[0], soc)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldServeHostileFileNamesSafely() {
        Tenant t = fixtures.tenant();
        String soc = soc(t);
        String customer = customer(t);
        String id = socIncident(t, soc, "LOW").get("id").asString();
        String path = incidents(t) + "/" + id;
        ok(http().postJson(path + "/publish", "{}", soc), 200);
        String name = URLEncoder.encode("../../evil\r\nSet-Cookie: x=1\r\n.html", StandardCharsets.UTF_8);
        byte[] page = "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);
        JsonNode a = ok(upload(path + "/attachments?name=" + name, page, customer), 201);
        assertThat(a.get("name").asString()).isEqualTo("evilSet-Cookie x=1.html");
        assertThat(a.get("origin").asString()).isEqualTo("CUSTOMER");
        HttpResponse<byte[]> r = download(path + "/attachments/" + a.get("id").asString(), soc);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment;")
                .contains("evilSet-Cookie x=1.html");
        assertThat(r.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        assertThat(r.headers().map()).doesNotContainKey("set-cookie");

        String unicode = URLEncoder.encode("Bericht ü\u202E.txt", StandardCharsets.UTF_8);
        JsonNode u = ok(upload(path + "/attachments?name=" + unicode, page, soc), 201);
        assertThat(u.get("name").asString()).isEqualTo("Bericht ü.txt");
        HttpResponse<byte[]> ur = download(path + "/attachments/" + u.get("id").asString(), customer);
        assertThat(ur.headers().firstValue("Content-Disposition").orElse(""))
                .contains("filename*=UTF-8''Bericht%20%C3%BC.txt");
        assertThat(ur.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(ok(http().getJson(path + "/attachments", customer), 200).size())
                .isEqualTo(2);
        assertThat(download(path + "/attachments/no-such-id", customer).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldTimeTheSlaWithTheClockWarnBeforeBreachAndReportCompliance() {
        Tenant t = fixtures.tenant();
        String late = socIncident(t, soc(t), "HIGH").get("id").asString();
        clock.advance(Duration.ofMinutes(46));
        JsonNode warning = ok(http().getJson(incidents(t) + "/" + late, soc(t)), 200);
        assertThat(warning.at("/sla/state").asString()).isEqualTo("WARNING");
        jobs.run();
        assertThat(jobs.clocks(SlaClock.State.WARNING)).isGreaterThanOrEqualTo(1);
        clock.advance(Duration.ofMinutes(20));
        JsonNode overdue = ok(http().getJson(incidents(t) + "/" + late, soc(t)), 200);
        assertThat(overdue.at("/sla/state").asString()).isEqualTo("OVERDUE");
        ok(http().postJson(incidents(t) + "/" + late + "/publish", "{}", soc(t)), 200);
        String quick = socIncident(t, soc(t), "HIGH").get("id").asString();
        clock.advance(Duration.ofMinutes(10));
        JsonNode met = ok(http().postJson(incidents(t) + "/" + quick + "/publish", "{}", soc(t)), 200);
        assertThat(met.at("/sla/state").asString()).isEqualTo("MET");
        JsonNode breached = ok(http().getJson(incidents(t) + "/" + late, soc(t)), 200);
        assertThat(breached.at("/sla/state").asString()).isEqualTo("BREACHED");

        JsonNode report = ok(http().getJson("/api/tenants/" + t.id().value() + "/incident-sla", soc(t)), 200);
        JsonNode high = report.at("/byPriority/0");
        assertThat(high.get("priority").asString()).isEqualTo("HIGH");
        assertThat(high.get("met").asInt()).isEqualTo(1);
        assertThat(high.get("breached").asInt()).isEqualTo(1);
        assertThat(high.get("compliancePercent").asDouble()).isEqualTo(50.0);

        String settings = "/api/tenants/" + t.id().value() + "/incident-settings";
        String admin = token(Role.PROVIDER_ADMIN, null);
        assertThat(http().sendJson("PUT", settings, "{\"slaHigh\": \"PT2H\"}", soc(t))
                        .statusCode())
                .isEqualTo(403);
        assertThat(http().sendJson("PUT", settings, "{\"slaHigh\": \"two hours\"}", admin)
                        .statusCode())
                .isEqualTo(400);
        JsonNode saved = ok(http().sendJson("PUT", settings, "{\"slaHigh\": \"PT2H\"}", admin), 200);
        assertThat(saved.at("/retentionDays").asInt()).isEqualTo(365);
        JsonNode slower = socIncident(t, soc(t), "HIGH");
        assertThat(Duration.between(
                        java.time.Instant.parse(slower.at("/sla/startedAt").asString()),
                        java.time.Instant.parse(slower.at("/sla/dueAt").asString())))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldCloseResolvedIncidentsAfterSeventyTwoHoursAndPurgeAfterRetention() {
        Tenant t = fixtures.tenant();
        Tenant keeps = fixtures.tenant();
        String path =
                incidents(t) + "/" + socIncident(t, soc(t), "NORMAL").get("id").asString();
        String kept = incidents(keeps) + "/"
                + socIncident(keeps, soc(keeps), "LOW").get("id").asString();
        ok(
                http().postJson(
                                kept + "/status",
                                "{\"status\": \"CLOSED\", \"resolution\": \"FALSE_POSITIVE\"}",
                                soc(keeps)),
                200);
        ok(
                http().postJson(
                                path + "/status",
                                "{\"status\": \"RESOLVED\", \"resolution\": \"TRUE_POSITIVE\"}",
                                soc(t)),
                200);
        clock.advance(Duration.ofHours(71));
        jobs.run();
        assertThat(ok(http().getJson(path, soc(t)), 200).get("status").asString())
                .isEqualTo("RESOLVED");
        clock.advance(Duration.ofHours(2));
        jobs.run();
        JsonNode closed = ok(http().getJson(path, soc(t)), 200);
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("resolution").asString()).isEqualTo("TRUE_POSITIVE");
        java.util.List<JsonNode> lines = history(path, soc(t));
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("changedBy").asString()).isEqualTo("system");
        assertThat(last.get("actorKind").asString()).isEqualTo("SYSTEM");
        assertThat(last.get("after").asString()).isEqualTo("CLOSED");

        String admin = token(Role.PROVIDER_ADMIN, null);
        ok(
                http().sendJson(
                                "PUT",
                                "/api/tenants/" + t.id().value() + "/incident-settings",
                                "{\"retentionDays\": 1}",
                                admin),
                200);
        clock.advance(Duration.ofHours(25));
        jobs.run();
        assertThat(http().getJson(path, soc(t)).statusCode()).isEqualTo(404);
        assertThat(http().getJson(path + "/history", soc(t)).statusCode()).isEqualTo(404);
        assertThat(ok(http().getJson(kept, soc(keeps)), 200).get("status").asString())
                .as("default retention of one year")
                .isEqualTo("CLOSED");
    }

    @Test
    void shouldAnswerMalformedAndOversizedRequestsWithPreciseErrors() {
        Tenant t = fixtures.tenant();
        String soc = soc(t);
        HttpResponse<String> unknown = http().postJson(incidents(t), "{\"summary\": \"x\", \"sumary\": \"y\"}", soc);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("sumary").contains("Unknown field");
        HttpResponse<String> broken = http().postJson(incidents(t), "{\"summary\": ", soc);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("Not valid JSON");
        HttpResponse<String> array = http().postJson(incidents(t), "[1, 2]", soc);
        assertThat(array.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = http().postJson(incidents(t), "{\"summary\": 5}", soc);
        assertThat(wrongType.body()).contains("summary: Must be a string");
        HttpResponse<String> tooLong =
                http().postJson(incidents(t), "{\"summary\": \"" + "x".repeat(1001) + "\"}", soc);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("summary: At most 1000 characters");
        HttpResponse<String> badIoc =
                http().postJson(incidents(t), "{\"summary\": \"x\", \"networkBasedIocs\": [{\"type\": \"ip\"}]}", soc);
        assertThat(badIoc.statusCode()).isEqualTo(400);
        assertThat(badIoc.body()).contains("networkBasedIocs[0]");
        HttpResponse<String> huge = http().postJson(
                        incidents(t),
                        "{\"summary\": \"x\", \"description\": \"" + "y".repeat(1024 * 1024) + "\"}",
                        soc);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("larger than 1048576 bytes");
        HttpResponse<String> badStatus = http().getJson(incidents(t) + "?status=NEW", soc);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("Unknown status 'NEW'");
        assertThat(http().getJson(incidents(t) + "?pageSize=100000", soc).statusCode())
                .isEqualTo(400);
        assertThat(ok(http().getJson(incidents(t), soc), 200).get("incidents").size())
                .as("nothing was created by the refused requests")
                .isZero();
    }

    private HttpResponse<byte[]> download(String path, String token) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base() + path))
                                    .header("Authorization", "Bearer " + token)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
