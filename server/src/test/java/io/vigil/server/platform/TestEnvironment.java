package io.vigil.server.platform;

import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the machine running the tests offers. Integration tests whose part is missing (PostgreSQL,
 * Chromium, the shared data sets) skip with a message on a developer's machine and fail in CI,
 * where {@code VIGIL_TEST_STRICT=1} is set by {@code .ci/run}.
 */
public final class TestEnvironment {

    private TestEnvironment() {}

    public static boolean strict() {
        return "1".equals(System.getenv("VIGIL_TEST_STRICT"));
    }

    /** Skips (or, in strict mode, fails) the current test when {@code available} is false. */
    public static void require(boolean available, String what, String howToEnable) {
        if (available) {
            return;
        }
        String message = what + " is not available: " + howToEnable;
        if (strict()) {
            Assertions.fail(message + " (VIGIL_TEST_STRICT=1 turns this skip into a failure)");
        }
        Assumptions.abort("Skipped: " + message);
    }

    /** The PostgreSQL JDBC URL for tests ({@code VIGIL_TEST_POSTGRES_URL}), if configured. */
    public static Optional<String> postgresUrl() {
        String url = System.getenv("VIGIL_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url);
    }

    /** The PostgreSQL URL, or a skip/failure saying how to provide one. */
    public static String requirePostgres() {
        require(
                postgresUrl().isPresent(),
                "PostgreSQL",
                "set VIGIL_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/vigil?user=postgres (see .ci/run)");
        return postgresUrl().orElseThrow();
    }
}
