package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A wrong or unknown vigil.* setting stops startup with a message that names it. */
class SettingsTest {

    @TempDir
    Path dir;

    private Throwable start(Map<String, Object> environment, String... args) {
        SpringApplication app = new SpringApplication(VigilApplication.class);
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        app.setEnvironment(env);
        List<String> all =
                new ArrayList<>(List.of("--vigil.data.dir=" + dir, "--spring.main.banner-mode=off", "--server.port=0"));
        all.addAll(List.of(args));
        Throwable thrown =
                catchThrowable(() -> app.run(all.toArray(String[]::new)).close());
        assertThat(thrown).as("startup with a bad setting").isNotNull();
        return thrown;
    }

    private static String messages(@Nullable Throwable t) {
        StringBuilder all = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void shouldNameAnUnknownSection() {
        assertThat(messages(start(Map.of(), "--vigil.databse.url=jdbc:postgresql://x/y")))
                .contains("Unknown Vigil setting(s): vigil.databse.url")
                .contains("docs/configuration.md");
    }

    @Test
    void shouldNameAnUnknownSettingGivenAsEnvironmentVariable() {
        assertThat(messages(start(Map.of("VIGIL_DATABSE_URL", "jdbc:postgresql://x/y"))))
                .contains("vigil.databse.url");
    }

    @Test
    void shouldNameAnUnknownKeyInsideAKnownSection() {
        assertThat(messages(start(Map.of(), "--vigil.login.max-failurez=3"))).contains("vigil.login.max-failurez");
    }

    @Test
    void shouldNameASettingThatBreaksItsRule() {
        assertThat(messages(start(Map.of(), "--vigil.login.max-failures=0"))).contains("vigil.login.max-failures");
        assertThat(messages(start(Map.of(), "--vigil.database.pool-size=abc"))).contains("vigil.database.pool-size");
        assertThat(messages(start(Map.of(), "--vigil.api.access-token-ttl=-5m")))
                .contains("vigil.api.access-token-ttl");
    }

    @Test
    void shouldRefuseADatabaseUrlThatIsNotPostgres() {
        assertThat(messages(start(Map.of("VIGIL_DATABASE_URL", "jdbc:mysql://db/vigil"))))
                .contains("vigil.database.url must be a PostgreSQL JDBC URL");
    }
}
