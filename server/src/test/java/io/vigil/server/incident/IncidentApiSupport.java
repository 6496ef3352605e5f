package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.detection.Alert;
import io.vigil.server.detection.AlertService;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.tenant.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers of the incident API tests: tokens, alerts, incidents, uploads. */
abstract class IncidentApiSupport extends ServerTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    AlertService alerts;

    @Autowired
    MutableClock clock;

    @Autowired
    IncidentJobs jobs;

    final JsonMapper json = JsonMapper.builder().build();

    final Http http() {
        return new Http(base());
    }

    final String token(Role role, @Nullable TenantId tenant) {
        return http().accessToken(fixtures.connection(role, tenant));
    }

    static String incidents(Tenant t) {
        return "/api/tenants/" + t.id().value() + "/incidents";
    }

    final JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return json.readTree(r.body());
    }

    final String alert(Tenant t, String asset, String tactic, String technique, Instant eventTime, Instant detected) {
        String key = "sigma:test-" + Fixtures.unique("r") + ":" + Fixtures.unique("e");
        alerts.record(List.of(new Alert(
                Alert.idFor(t.id(), key),
                t.id(),
                key,
                Alert.Technology.SIGMA,
                "rule-" + technique,
                "Test rule " + technique,
                "high",
                List.of(tactic),
                List.of(technique),
                asset,
                "event-1",
                eventTime,
                detected,
                List.of())));
        return Alert.idFor(t.id(), key);
    }

    /** A SOC incident of {@code t}, not yet published. */
    final JsonNode socIncident(Tenant t, String soc, String priority) {
        return ok(
                http().postJson(
                                incidents(t),
                                "{\"summary\": \"Credential dumping\", \"priority\": \"" + priority + "\"}",
                                soc),
                201);
    }

    final List<JsonNode> history(String path, String token) {
        JsonNode h = ok(http().getJson(path + "/history", token), 200);
        List<JsonNode> out = new ArrayList<>();
        h.forEach(out::add);
        return out;
    }

    final HttpResponse<String> upload(String path, byte[] body, String token) {
        return http().send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + token)
                .build());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
