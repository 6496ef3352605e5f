package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health and metrics endpoints as probes and Prometheus see them. */
class OperationsTest extends ServerTest {

    @Test
    void shouldReportHealthUpWithBothDatabases() {
        HttpResponse<String> health = new Http(base()).getJson("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"status\":\"UP\"")
                .contains("stateDataSource")
                .contains("telemetryDataSource")
                .doesNotContain("jdbc:");
        assertThat(new Http(base()).getJson("/actuator/health/readiness", null).body())
                .contains("UP");
    }

    @Test
    void shouldServePrometheusMetricsWithPoolAndHttpFigures() {
        Http http = new Http(base());
        http.get("/login");
        HttpResponse<String> metrics = http.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("hikaricp_connections_active{application=\"vigil\",pool=\"vigil-state\"")
                .contains("http_server_requests_seconds_count");
    }

    @Test
    void shouldNotExposeOtherActuatorEndpoints() {
        Http http = new Http(base());
        assertThat(http.get("/actuator/env").statusCode()).isIn(302, 401, 403, 404);
        assertThat(http.get("/actuator/env").body()).doesNotContain("vigil.admin.password");
    }
}
