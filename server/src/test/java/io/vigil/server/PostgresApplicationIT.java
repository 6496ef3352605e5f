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

            // Ingest on PostgreSQL: a _bulk document goes through the log (advisory-locked appends)
            // into the partitioned store and is found by the hunting API.
            var tenant = fixtures.tenant();
            String key = fixtures.ingestKey(tenant.id(), io.vigil.server.ingest.IngestKey.Purpose.SHIPPER)
                    .token();
            java.time.Instant at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String doc = "{\"@timestamp\":\"" + at + "\",\"winlog\":{\"channel\":\"Security\",\"event_id\":\"4688\","
                    + "\"provider_name\":\"Microsoft-Windows-Security-Auditing\",\"computer_name\":\"pg-host\","
                    + "\"record_id\":\"1\",\"event_data\":{\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\","
                    + "\"CommandLine\":\"whoami pg-marker\"}}}";
            HttpResponse<String> bulk = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/ingest/elastic/_bulk"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"create\":{}}\n" + doc + "\n"))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Authorization", "Bearer " + key)
                    .build());
            assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
            assertThat(bulk.body()).contains("\"status\":201");
            String query = "{\"from\": \"" + at.minusSeconds(3600) + "\", \"to\": \"" + at.plusSeconds(3600)
                    + "\", \"text\": \"pg-marker\"}";
            String found = "";
            for (int i = 0; i < 600 && !found.contains("pg-marker"); i++) {
                found = http.postJson("/api/tenants/" + tenant.id() + "/events/search", query, access)
                        .body();
                if (!found.contains("pg-marker")) {
                    sleep(100);
                }
            }
            assertThat(found).contains("whoami pg-marker", "pg-host");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
