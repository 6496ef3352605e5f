package io.vigil.server;

import io.vigil.server.platform.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the in-process server tests: the whole application on a random port with an embedded
 * data folder and a clock the tests move. All subclasses share one application context, so each
 * test makes its own tenants and accounts with unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = VigilApplication.class)
@Import({ServerTest.TestClock.class, Fixtures.class})
public abstract class ServerTest {

    /** The first provider admin's password in tests. */
    public static final String ADMIN_PASSWORD = "first admin password 1";

    private static final Path DATA = tempDir();

    /** A writable copy of the test rules in {@code src/test/resources/detection-rules}. */
    protected static final Path RULES = rulesCopy();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vigil.data.dir", DATA::toString);
        registry.add("vigil.admin.password", () -> ADMIN_PASSWORD);
        registry.add("vigil.login.max-failures", () -> "3");
        registry.add("vigil.login.max-failures-per-address", () -> "10000");
        // Small ingest limits, so the 413 tests send little.
        registry.add("vigil.ingest.max-batch-size", () -> "2MB");
        registry.add("vigil.ingest.max-decompressed-size", () -> "8MB");
        registry.add("vigil.ingest.max-file-size", () -> "64MB");
        registry.add("vigil.detection.rules", RULES::toString);
        registry.add("vigil.intel.max-upload-size", () -> "1MB");
        // The triage tests run the triage job by hand, so a scheduled run never races them.
        registry.add("vigil.triage.enabled", () -> "false");
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    private static Path rulesCopy() {
        try {
            Path copy = TestDirs.create("vigil-test-rules");
            Path source = Path.of(Objects.requireNonNull(ServerTest.class.getResource("/detection-rules"))
                    .toURI());
            try (DirectoryStream<Path> files = Files.newDirectoryStream(source)) {
                for (Path f : files) {
                    Files.copy(f, copy.resolve(f.getFileName().toString()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        return TestDirs.create("vigil-server-test");
    }

    /** A clock the tests advance (token expiry, lockout). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now());
        }
    }
}
