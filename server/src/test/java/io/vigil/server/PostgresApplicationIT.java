package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.TestDatabase;
import io.vigil.server.platform.TestEnvironment;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on PostgreSQL (cluster mode's state store): migrations run, health is UP
 * with both databases, and an API token round trip works.
 */
class PostgresApplicationIT {

    @TempDir
    Path dir;

    @Test
    void shouldRunOnPostgresql() {
        String admin = TestEnvironment.requirePostgres();
        String schema = TestDatabase.freshSchema(admin);
        String url = TestDatabase.withSchema(admin, schema);
        SpringApplication app = new SpringApplication(VigilApplication.class);
        try (ConfigurableApplicationContext context = app.run(
                "--server.port=0",
                "--vigil.database.url=" + url,
                // a fresh telemetry schema too, so no earlier run's migration history is in the way
                "--vigil.database.telemetry-schema=" + schema + "_telemetry",
                "--vigil.data.dir=" + dir,
                "--vigil.admin.password=pg admin password")) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            Http http = new Http("http://127.0.0.1:" + port);
            HttpResponse<String> health = http.getJson("/actuator/health", null);
            assertThat(health.body())
                    .contains("\"status\":\"UP\"")
                    .contains("stateDataSource")
                    .contains("telemetryDataSource");

            Fixtures fixtures = context.getAutowireCapableBeanFactory().createBean(Fixtures.class);
            var issued = fixtures.connection(io.vigil.server.platform.Role.PROVIDER_ADMIN, null);
            HttpResponse<String> confirm = http.postJson(
                    "/api/v1/" + issued.connection().clientId() + "/session/confirm",
                    "{\"refresh_token\": \"" + issued.refreshToken() + "\"}",
                    null);
            assertThat(confirm.statusCode()).isEqualTo(200);
            String access = JsonMapper.builder()
                    .build()
                    .readTree(confirm.body())
                    .get("access_token")
                    .asString();
            HttpResponse<String> me = http.getJson("/api/me", access);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("PROVIDER_ADMIN");
            assertThat(Http.location(http.login("admin", "pg admin password"))).endsWith(":" + port + "/");
        }
    }
}
