package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The incident API through HTTP: creation, lifecycle, roles, customers' view, history, SLA, jobs. */
class IncidentApiTest extends IncidentApiSupport {

    @Test
    void shouldCreateAnIncidentFromAlertsWithTheirAttackDataAndEarliestDetection() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String a1 = alert(t, "srv-01", "credential-access", "T1003.002", now.minusSeconds(900), now.minusSeconds(600));
        String a2 = alert(t, "ws-7", "defense-evasion", "T1070.001", now.minusSeconds(400), now.minusSeconds(300));
        JsonNode created = ok(
                http().postJson(
                                incidents(t),
                                "{\"summary\": \"Hive dump on srv-01\", \"priority\": \"HIGH\", \"alertIds\": [\"" + a1
                                        + "\", \"" + a2 + "\"], \"hostBasedIocs\": [{\"type\": \"SHA256\", \"value\":"
                                        + " \"" + "ab".repeat(32) + "\", \"context\": \"dropped\"}]}",
                                soc),
                201);
        assertThat(created.get("number").asLong()).isEqualTo(1);
        assertThat(created.get("origin").asString()).isEqualTo("SERVICE");
        assertThat(created.get("status").asString()).isEqualTo("OPEN");
        assertThat(created.get("published").asBoolean()).isFalse();
        assertThat(strings(created.get("mitreTactics"))).containsExactly("credential-access", "defense-evasion");
        assertThat(strings(created.get("mitreTechniques"))).containsExactly("T1003.002", "T1070.001");
        assertThat(strings(created.get("affectedHosts"))).containsExactly("srv-01", "ws-7");
        assertThat(strings(created.get("alertIds"))).containsExactly(a1, a2);
        assertThat(created.get("detectionTechnology").asString()).isEqualTo("SIGMA");
        assertThat(created.at("/hostBasedIocs/0/type").asString()).isEqualTo("sha256");
        assertThat(Instant.parse(created.get("firstDetectionTime").asString())).isEqualTo(now.minusSeconds(600));
        assertThat(Instant.parse(created.at("/sla/dueAt").asString()))
                .isEqualTo(now.minusSeconds(600).plusSeconds(3600));
        assertThat(created.at("/sla/state").asString()).isEqualTo("RUNNING");
        JsonNode second = socIncident(t, soc, "LOW");
        assertThat(second.get("number").asLong()).isEqualTo(2);

        HttpResponse<String> missingAlert =
                http().postJson(incidents(t), "{\"summary\": \"x\", \"alertIds\": [\"no-such-alert\"]}", soc);
        assertThat(missingAlert.statusCode()).isEqualTo(404);
        assertThat(missingAlert.body()).contains("No alert with id 'no-such-alert'");
    }

    @Test
    void shouldEnforceTheLifecycleWithClearErrors() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String path =
                incidents(t) + "/" + socIncident(t, soc, "NORMAL").get("id").asString();
        HttpResponse<String> noResolution = http().postJson(path + "/status", "{\"status\": \"CLOSED\"}", soc);
        assertThat(noResolution.statusCode()).isEqualTo(400);
        assertThat(noResolution.body()).contains("Closed needs a resolution");
        ok(http().postJson(path + "/status", "{\"status\": \"On hold\"}", soc), 200);
        JsonNode resolved = ok(
                http().postJson(path + "/status", "{\"status\": \"RESOLVED\", \"resolution\": \"TRUE_POSITIVE\"}", soc),
                200);
        assertThat(resolved.get("resolution").asString()).isEqualTo("TRUE_POSITIVE");
        HttpResponse<String> toHold = http().postJson(path + "/status", "{\"status\": \"ON_HOLD\"}", soc);
        assertThat(toHold.statusCode()).isEqualTo(409);
        assertThat(toHold.body()).contains("cannot go from Resolved to On hold");
        JsonNode reopened = ok(http().postJson(path + "/status", "{\"status\": \"OPEN\"}", soc), 200);
        assertThat(reopened.get("resolution").isNull()).isTrue();
        JsonNode closed = ok(
                http().postJson(
                                path + "/status",
                                "{\"status\": \"CLOSED\", \"resolution\": \"FALSE_POSITIVE\", \"statusDescription\":"
                                        + " \"Admin's own backup job\"}",
                                soc),
                200);
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("statusDescription").asString()).isEqualTo("Admin's own backup job");
        HttpResponse<String> again = http().postJson(path + "/status", "{\"status\": \"OPEN\"}", soc);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Closed is final");
        assertThat(http().sendJson("PATCH", path, "{\"summary\": \"x\"}", soc).statusCode())
                .isEqualTo(409);
        assertThat(http().postJson(path + "/comments", "{\"text\": \"late\"}", soc)
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void shouldShowCustomersOnlyPublishedIncidentsAndTheirOwnAndLimitWhatTheyChange() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String customer = token(Role.TENANT_ADMIN, t.id());
        String viewer = token(Role.TENANT_VIEWER, t.id());
        String id = socIncident(t, soc, "HIGH").get("id").asString();
        String path = incidents(t) + "/" + id;
        assertThat(http().getJson(path, customer).statusCode()).isEqualTo(404);
        assertThat(ok(http().getJson(incidents(t), customer), 200)
                        .get("incidents")
                        .size())
                .isZero();
        assertThat(http().postJson(path + "/publish", "{}", customer).statusCode())
                .isEqualTo(403);
        ok(http().postJson(path + "/publish", "{}", soc), 200);
        assertThat(http().postJson(path + "/publish", "{}", soc).statusCode()).isEqualTo(409);
        JsonNode seen = ok(http().getJson(path, customer), 200);
        assertThat(seen.get("wasRead").asBoolean()).isFalse();
        ok(http().postJson(path + "/read", "{}", customer), 204);
        assertThat(ok(http().getJson(path, customer), 200).get("wasRead").asBoolean())
                .isTrue();
        assertThat(http().sendJson("PATCH", path, "{\"summary\": \"mine\"}", customer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(http().postJson(path + "/status", "{\"status\": \"ON_HOLD\"}", customer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(http().postJson(path + "/comments", "{\"text\": \"hi\"}", viewer)
                        .statusCode())
                .isEqualTo(403);

        JsonNode own = ok(
                http().postJson(
                                incidents(t),
                                "{\"summary\": \"Odd popups on ws-3\", \"clientDescription\": \"Since *Monday*\","
                                        + " \"affectedHosts\": [\"ws-3\"]}",
                                customer),
                201);
        assertThat(own.get("origin").asString()).isEqualTo("CUSTOMER");
        assertThat(own.get("clientDescription").asString()).isEqualTo("Since *Monday*");
        assertThat(own.at("/sla/kind").asString()).isEqualTo("FIRST_ANSWER");
        assertThat(ok(http().getJson(incidents(t) + "?origin=customer", soc), 200)
                        .get("incidents")
                        .size())
                .as("in the SOC queue")
                .isEqualTo(1);
        assertThat(ok(http().getJson(incidents(t), customer), 200)
                        .get("incidents")
                        .size())
                .isEqualTo(2);
        assertThat(http().postJson(incidents(t), "{\"summary\": \"x\"}", viewer).statusCode())
                .isEqualTo(403);
        JsonNode closed = ok(
                http().postJson(
                                path + "/status",
                                "{\"status\": \"Closed\", \"resolution\": \"True positive\"}",
                                customer),
                200);
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");

        Tenant other = fixtures.tenant();
        String otherSoc = token(Role.SOC_ANALYST, other.id());
        assertThat(http().getJson(path, otherSoc).statusCode()).isEqualTo(404);
        assertThat(http().getJson(incidents(t) + "/" + id + "/history", token(Role.TENANT_ADMIN, other.id()))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldRecordEveryMutationInTheHistoryInOrderAndExportIt() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String customer = token(Role.TENANT_ADMIN, t.id());
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String alert = alert(t, "srv-9", "persistence", "T1547.001", now, now);
        String id = socIncident(t, soc, "NORMAL").get("id").asString();
        String path = incidents(t) + "/" + id;
        record Mutation(String name, Runnable call, String entity, String operation, List<String> fields) {}
        List<Mutation> mutations = List.of(
                new Mutation(
                        "edit",
                        () -> ok(
                                http().sendJson(
                                                "PATCH",
                                                path,
                                                "{\"priority\": \"HIGH\", \"description\": \"**chain**\"}",
                                                soc),
                                200),
                        "incident_details",
                        "update",
                        List.of("priority", "description")),
                new Mutation(
                        "link",
                        () -> ok(http().postJson(path + "/alerts", "{\"alertIds\": [\"" + alert + "\"]}", soc), 200),
                        "incident_details",
                        "link_alerts",
                        List.of("alertIds", "mitreTactics", "mitreTechniques", "detectionTechnology", "affectedHosts")),
                new Mutation(
                        "publish",
                        () -> ok(http().postJson(path + "/publish", "{}", soc), 200),
                        "incident_details",
                        "publish",
                        List.of("publishedAt")),
                new Mutation(
                        "customer comment",
                        () -> ok(http().postJson(path + "/comments", "{\"text\": \"Is srv-9 safe?\"}", customer), 201),
                        "incident_comment",
                        "create",
                        List.of("text")),
                new Mutation(
                        "attachment",
                        () -> ok(
                                upload(path + "/attachments?name=log.txt&caption=evidence", new byte[] {1, 2, 3}, soc),
                                201),
                        "incident_attachment",
                        "create",
                        List.of("file")),
                new Mutation(
                        "hold",
                        () -> ok(http().postJson(path + "/status", "{\"status\": \"ON_HOLD\"}", soc), 200),
                        "incident_details",
                        "status",
                        List.of("status")),
                new Mutation(
                        "resolve",
                        () -> ok(
                                http().postJson(
                                                path + "/status",
                                                "{\"status\": \"RESOLVED\", \"resolution\": \"TRUE_POSITIVE\"}",
                                                soc),
                                200),
                        "incident_details",
                        "status",
                        List.of("status", "resolution")),
                new Mutation(
                        "customer close",
                        () -> ok(http().postJson(path + "/status", "{\"status\": \"CLOSED\"}", customer), 200),
                        "incident_details",
                        "status",
                        List.of("status")));
        int seen = history(path, soc).size();
        assertThat(seen).as("creation lines").isGreaterThanOrEqualTo(3);
        long lastSeq = history(path, soc).get(seen - 1).get("seq").asLong();
        for (Mutation m : mutations) {
            clock.advance(Duration.ofSeconds(1));
            m.call().run();
            List<JsonNode> all = history(path, soc);
            List<JsonNode> added = all.subList(seen, all.size());
            assertThat(added).as(m.name() + " appears in the history").isNotEmpty();
            List<String> fields = new ArrayList<>();
            for (JsonNode line : added) {
                assertThat(line.get("seq").asLong()).as("in order").isGreaterThan(lastSeq);
                lastSeq = line.get("seq").asLong();
                assertThat(line.get("entity").asString()).isEqualTo(m.entity());
                assertThat(line.get("operation").asString()).isEqualTo(m.operation());
                assertThat(Instant.parse(line.get("changedAt").asString()))
                        .isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                assertThat(line.get("changedBy").asString()).startsWith("connection-");
                fields.add(line.get("field").asString());
            }
            assertThat(fields).as(m.name()).containsAll(m.fields());
            seen = all.size();
        }
        List<JsonNode> all = history(path, soc);
        JsonNode priority = all.stream()
                .filter(l -> l.get("field").asString().equals("priority")
                        && l.get("operation").asString().equals("update"))
                .findFirst()
                .orElseThrow();
        assertThat(priority.get("before").asString()).isEqualTo("NORMAL");
        assertThat(priority.get("after").asString()).isEqualTo("HIGH");

        HttpResponse<String> csv = http().getJson(path + "/history/export", customer);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment")
                .contains("history.csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("seq,changed_at,changed_by");
        assertThat(rows).hasSize(all.size() + 1);
        assertThat(csv.body()).contains("\"priority\",\"NORMAL\",\"HIGH\"");
        JsonNode exported = ok(http().getJson(path + "/history/export?format=json", customer), 200);
        assertThat(exported.size()).isEqualTo(all.size());
        assertThat(http().getJson(path + "/history/export?format=xlsx", customer)
                        .statusCode())
                .isEqualTo(400);
    }
}
