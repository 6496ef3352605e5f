package io.vigil.bench.evtx;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared data sets ({@code ../shared}) through the {@code vigil.test.shared-dir} system
 * property. When they are absent the calling test is skipped with a message, unless {@code
 * VIGIL_TEST_STRICT=1} is set (CI), in which case it fails.
 */
final class SharedData {
    private SharedData() {}

    static Path require(String relative) {
        String root = System.getProperty("vigil.test.shared-dir");
        Path path = Path.of(root == null ? "/nonexistent-vigil-shared" : root).resolve(relative);
        if (!Files.exists(path)) {
            String message = "shared data set " + relative + " not found (system property vigil.test.shared-dir=" + root
                    + "); real-data tests need ../shared";
            if ("1".equals(System.getenv("VIGIL_TEST_STRICT"))) {
                fail(message + " and VIGIL_TEST_STRICT=1 forbids skipping");
            }
            assumeTrue(false, message);
        }
        return path;
    }
}
