package io.vigil.sigma;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared data sets through the {@code vigil.test.shared-dir} system property. When they are
 * absent a test is skipped with a clear message, unless {@code VIGIL_TEST_STRICT=1}, where it fails.
 */
final class SharedData {
    private SharedData() {}

    /**
     * The repository when present; empty when absent (a test then uses its built-in fallback),
     * except with {@code VIGIL_TEST_STRICT=1}, where absence fails the test.
     */
    static java.util.Optional<Path> sigmaRepositoryIfPresent() {
        String dir = System.getProperty("vigil.test.shared-dir");
        Path path = dir == null ? null : Path.of(dir, "datasets", "sigma");
        if (path != null && Files.isDirectory(path.resolve("rules"))) {
            return java.util.Optional.of(path);
        }
        if ("1".equals(System.getenv("VIGIL_TEST_STRICT"))) {
            fail("Shared Sigma data not found (vigil.test.shared-dir=" + dir + ") and VIGIL_TEST_STRICT=1");
        }
        return java.util.Optional.empty();
    }

    /** The SigmaHQ repository copy under {@code datasets/sigma}. */
    static Path sigmaRepository() {
        String dir = System.getProperty("vigil.test.shared-dir");
        Path path = dir == null ? null : Path.of(dir, "datasets", "sigma");
        if (path == null || !Files.isDirectory(path.resolve("rules"))) {
            String message = "Shared Sigma data not found (system property vigil.test.shared-dir=" + dir
                    + ", expected <dir>/datasets/sigma/rules); set it to the shared folder to run this test";
            if ("1".equals(System.getenv("VIGIL_TEST_STRICT"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return path;
    }
}
