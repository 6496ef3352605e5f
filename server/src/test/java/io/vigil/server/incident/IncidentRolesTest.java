package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The "who sees what" table of docs/incidents.md, route by route, over HTTP. */
class IncidentRolesTest extends IncidentApiSupport {

    private int status(HttpResponse<String> r) {
        return r.statusCode();
    }

    private HttpResponse<String> multipart(String path, String token) {
        String boundary = "b0undary";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
                        + "hello\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return http().send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .build());
    }

    @Test
    void shouldLetTenantViewersReadAndMarkReadButChangeNothing() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String viewer = token(Role.TENANT_VIEWER, t.id());
        String path = incidents(t) + "/" + socIncident(t, soc, "HIGH").get("id").asString();
        ok(http().postJson(path + "/publish", "{}", soc), 200);
        ok(http().postJson(path + "/comments", "{\"text\": \"We isolated ws-1.\"}", soc), 201);

        assertThat(ok(http().getJson(incidents(t), viewer), 200)
                        .get("incidents")
                        .size())
                .isEqualTo(1);
        assertThat(ok(http().getJson(path, viewer), 200).get("wasRead").asBoolean())
                .isFalse();
        ok(http().postJson(path + "/read", "{}", viewer), 204);
        assertThat(ok(http().getJson(path, viewer), 200).get("wasRead").asBoolean())
                .isTrue();
        assertThat(ok(http().getJson(path + "/comments", viewer), 200)
                        .get(0)
                        .get("wasRead")
                        .asBoolean())
                .isTrue();
        ok(http().getJson(path + "/history", viewer), 200);
        assertThat(http().getJson(path + "/history/export?format=json", viewer).statusCode())
                .isEqualTo(200);
        ok(http().getJson(path + "/attachments", viewer), 200);

        JsonNode refused = ok(http().postJson(path + "/comments", "{\"text\": \"hi\"}", viewer), 403);
        assertThat(refused.get("message").asString()).contains("read-only");
        assertThat(status(http().postJson(incidents(t), "{\"summary\": \"x\"}", viewer)))
                .isEqualTo(403);
        assertThat(status(upload(path + "/attachments?name=a.txt", new byte[] {1}, viewer)))
                .isEqualTo(403);
        assertThat(status(multipart(path + "/attachments", viewer))).isEqualTo(403);
        assertThat(status(http().postJson(
                                path + "/status",
                                "{\"status\": \"CLOSED\", \"resolution\": \"TRUE_POSITIVE\"}",
                                viewer)))
                .isEqualTo(403);
        assertThat(status(http().sendJson("PATCH", path, "{\"summary\": \"x\"}", viewer)))
                .isEqualTo(403);
        assertThat(status(http().postJson(path + "/publish", "{}", viewer))).isEqualTo(403);
        assertThat(status(http().postJson(path + "/alerts", "{\"alertIds\": [\"a\"]}", viewer)))
                .isEqualTo(403);
        assertThat(status(
                        http().sendJson("PUT", "/api/tenants/" + t.id().value() + "/incident-settings", "{}", viewer)))
                .isEqualTo(403);
        assertThat(ok(http().getJson(incidents(t) + "/" + path.substring(path.lastIndexOf('/') + 1), soc), 200)
                        .get("status")
                        .asString())
                .isEqualTo("OPEN");
        assertThat(ok(http().getJson(path + "/comments", soc), 200).size()).isEqualTo(1);
    }

    @Test
    void shouldLetCustomersCloseButMakeNoOtherStatusChange() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String customer = token(Role.TENANT_ADMIN, t.id());
        String path = incidents(t) + "/" + socIncident(t, soc, "HIGH").get("id").asString();
        assertThat(status(http().postJson(path + "/comments", "{\"text\": \"hi\"}", customer)))
                .as("unpublished: not there for the customer")
                .isEqualTo(404);
        ok(http().postJson(path + "/publish", "{}", soc), 200);
        ok(
                http().postJson(path + "/status", "{\"status\": \"RESOLVED\", \"resolution\": \"TRUE_POSITIVE\"}", soc),
                200);
        for (String to : new String[] {"OPEN", "ON_HOLD", "RESOLVED"}) {
            JsonNode refused = ok(
                    http().postJson(
                                    path + "/status",
                                    "{\"status\": \"" + to + "\", \"resolution\": \"TRUE_POSITIVE\"}",
                                    customer),
                    403);
            assertThat(refused.get("message").asString()).contains("Customers can close an incident");
        }
        assertThat(status(http().sendJson("PATCH", path, "{\"summary\": \"x\"}", customer)))
                .isEqualTo(403);
        assertThat(status(http().postJson(path + "/alerts", "{\"alertIds\": [\"a\"]}", customer)))
                .isEqualTo(403);
        ok(http().postJson(path + "/comments", "{\"text\": \"Thanks, we re-imaged ws-1.\"}", customer), 201);
        JsonNode closed = ok(http().postJson(path + "/status", "{\"status\": \"CLOSED\"}", customer), 200);
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("resolution").asString())
                .as("kept from resolving")
                .isEqualTo("TRUE_POSITIVE");
    }

    @Test
    void shouldRefuseCommentsAttachmentsAndEditsOnAClosedIncidentWith409() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String customer = token(Role.TENANT_ADMIN, t.id());
        JsonNode own = ok(http().postJson(incidents(t), "{\"summary\": \"Is this phishing?\"}", customer), 201);
        String path = incidents(t) + "/" + own.get("id").asString();
        JsonNode noResolution = ok(http().postJson(path + "/status", "{\"status\": \"CLOSED\"}", customer), 400);
        assertThat(noResolution.get("message").asString()).containsIgnoringCase("resolution");
        ok(
                http().postJson(
                                path + "/status",
                                "{\"status\": \"CLOSED\", \"resolution\": \"FALSE_POSITIVE\"}",
                                customer),
                200);
        int historyLines = history(path, soc).size();

        for (String token : new String[] {customer, soc}) {
            JsonNode comment = ok(http().postJson(path + "/comments", "{\"text\": \"one more thing\"}", token), 409);
            assertThat(comment.get("message").asString()).contains("is closed; the conversation is over");
            assertThat(ok(upload(path + "/attachments?name=a.txt", new byte[] {1}, token), 409)
                            .get("message")
                            .asString())
                    .contains("is closed");
            assertThat(status(multipart(path + "/attachments", token))).isEqualTo(409);
        }
        assertThat(ok(http().sendJson("PATCH", path, "{\"summary\": \"x\"}", soc), 409)
                        .get("message")
                        .asString())
                .contains("closed incidents are final");
        assertThat(status(http().postJson(path + "/status", "{\"status\": \"OPEN\"}", soc)))
                .isEqualTo(409);
        assertThat(history(path, soc)).hasSize(historyLines);
        ok(http().postJson(path + "/read", "{}", customer), 204);
    }
}
