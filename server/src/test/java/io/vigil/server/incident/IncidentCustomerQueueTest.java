package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Customer-created incidents in the SOC's queue ({@code GET /api/triage/customer-requests}), end to
 * end over HTTP: ordered by SLA due time with the tenant's own targets, gone once the SOC answers or
 * the request is closed, and only for the SOC of the tenants it works.
 */
class IncidentCustomerQueueTest extends IncidentApiSupport {

    private static final String QUEUE = "/api/triage/customer-requests";

    private JsonNode request(Tenant t, String customer, String summary, String priority) {
        return ok(
                http().postJson(
                                incidents(t),
                                "{\"summary\": \"" + summary + "\", \"clientDescription\": \"Please look\","
                                        + " \"affectedHosts\": [\"ws-1\"], \"priority\": \"" + priority + "\"}",
                                customer),
                201);
    }

    private static List<String> summaries(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("requests").forEach(r -> out.add(r.get("summary").asString()));
        return out;
    }

    @Test
    void shouldQueueCustomerRequestsBySlaDueTimeUntilTheSocAnswersOrTheyClose() {
        Tenant t = fixtures.tenant();
        Tenant other = fixtures.tenant();
        String customer = token(Role.TENANT_ADMIN, t.id());
        String soc = token(Role.SOC_ANALYST, t.id());
        String admin = token(Role.PROVIDER_ADMIN, null);
        // This tenant answers NORMAL requests within 30 minutes (default 4 h).
        ok(
                http().sendJson(
                                "PUT",
                                "/api/tenants/" + t.id().value() + "/incident-settings",
                                "{\"slaNormal\": \"PT30M\"}",
                                admin),
                200);
        JsonNode low = request(t, customer, "Slow laptop", "LOW");
        clock.advance(Duration.ofMinutes(1));
        JsonNode high = request(t, customer, "Ransom note on ws-1", "HIGH");
        clock.advance(Duration.ofMinutes(1));
        JsonNode normal = request(t, customer, "Odd popups", "NORMAL");
        request(other, token(Role.TENANT_ADMIN, other.id()), "Request of another tenant", "HIGH");
        socIncident(t, soc, "HIGH");

        JsonNode page = ok(http().getJson(QUEUE, soc), 200);
        assertThat(summaries(page))
                .as("due: NORMAL +30 min, HIGH +1 h, LOW +24 h; the other tenant and SOC incidents are not here")
                .containsExactly("Odd popups", "Ransom note on ws-1", "Slow laptop");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("nextOffset").isNull()).isTrue();
        JsonNode first = page.get("requests").get(0);
        assertThat(first.get("id").asString()).isEqualTo(normal.get("id").asString());
        assertThat(first.get("origin").asString()).isEqualTo("CUSTOMER");
        assertThat(first.get("clientDescription").asString()).isEqualTo("Please look");
        assertThat(first.at("/sla/kind").asString()).isEqualTo("FIRST_ANSWER");
        assertThat(first.at("/sla/state").asString()).isEqualTo("RUNNING");
        assertThat(Duration.between(
                        Instant.parse(first.get("creationTime").asString()),
                        Instant.parse(first.at("/sla/dueAt").asString())))
                .isEqualTo(Duration.ofMinutes(30));
        Instant previous = Instant.MIN;
        for (JsonNode r : page.get("requests")) {
            Instant due = Instant.parse(r.at("/sla/dueAt").asString());
            assertThat(due).isAfterOrEqualTo(previous);
            previous = due;
        }

        JsonNode firstPage = ok(http().getJson(QUEUE + "?limit=2", soc), 200);
        assertThat(summaries(firstPage)).containsExactly("Odd popups", "Ransom note on ws-1");
        assertThat(firstPage.get("nextOffset").asInt()).isEqualTo(2);
        assertThat(summaries(ok(http().getJson(QUEUE + "?limit=2&offset=2", soc), 200)))
                .containsExactly("Slow laptop");
        assertThat(summaries(ok(http().getJson(QUEUE + "?tenantId=" + t.id().value(), admin), 200)))
                .containsExactly("Odd popups", "Ransom note on ws-1", "Slow laptop");

        clock.advance(Duration.ofMinutes(25));
        assertThat(ok(http().getJson(QUEUE, soc), 200)
                        .at("/requests/0/sla/state")
                        .asString())
                .as("25 of 30 minutes used")
                .isEqualTo("WARNING");

        // The customer's own comment is no answer; the SOC's first comment is.
        String normalPath = incidents(t) + "/" + normal.get("id").asString();
        ok(http().postJson(normalPath + "/comments", "{\"text\": \"Still there\"}", customer), 201);
        assertThat(summaries(ok(http().getJson(QUEUE, soc), 200))).contains("Odd popups");
        ok(http().postJson(normalPath + "/comments", "{\"text\": \"Looking at it\"}", soc), 201);
        // On hold still awaits an answer; closed does not.
        String lowPath = incidents(t) + "/" + low.get("id").asString();
        ok(http().postJson(lowPath + "/status", "{\"status\": \"ON_HOLD\"}", soc), 200);
        ok(
                http().postJson(
                                incidents(t) + "/" + high.get("id").asString() + "/status",
                                "{\"status\": \"CLOSED\", \"resolution\": \"FALSE_POSITIVE\"}",
                                customer),
                200);
        JsonNode after = ok(http().getJson(QUEUE, soc), 200);
        assertThat(summaries(after)).containsExactly("Slow laptop");
        assertThat(after.get("total").asLong()).isEqualTo(1);
        assertThat(ok(http().getJson(normalPath, customer), 200)
                        .at("/sla/state")
                        .asString())
                .isEqualTo("MET");
    }

    @Test
    void shouldShowTheQueueOnlyToTheSocOfTheTenantsItWorks() {
        Tenant t = fixtures.tenant();
        Tenant other = fixtures.tenant();
        String customer = token(Role.TENANT_ADMIN, t.id());
        request(t, customer, "Mine", "HIGH");
        request(other, token(Role.TENANT_ADMIN, other.id()), "Theirs", "HIGH");
        String socOfOther = token(Role.SOC_ANALYST, other.id());

        assertThat(summaries(ok(http().getJson(QUEUE, socOfOther), 200))).containsExactly("Theirs");
        assertThat(http().getJson(QUEUE + "?tenantId=" + t.id().value(), socOfOther)
                        .statusCode())
                .as("a tenant the analyst does not work")
                .isEqualTo(404);
        JsonNode refused = ok(http().getJson(QUEUE, customer), 403);
        assertThat(refused.get("message").asString()).contains("SOC's work");
        assertThat(http().getJson(QUEUE, token(Role.TENANT_VIEWER, t.id())).statusCode())
                .isEqualTo(403);
        assertThat(http().getJson(QUEUE, null).statusCode()).isEqualTo(401);
        JsonNode invalid = ok(http().getJson(QUEUE + "?limit=0", socOfOther), 400);
        assertThat(invalid.get("message").asString()).contains("limit").contains("between 1 and 200");
        assertThat(ok(http().getJson(QUEUE + "?tenantId=not%20an%20id", socOfOther), 404)
                        .get("message")
                        .asString())
                .contains("No tenant");
    }
}
