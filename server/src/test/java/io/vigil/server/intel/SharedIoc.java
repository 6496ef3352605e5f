package io.vigil.server.intel;

import io.vigil.server.platform.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The threat-intel inputs of the shared data sets ({@code ../shared/datasets/ioc}). */
final class SharedIoc {

    private SharedIoc() {}

    static Path dir() {
        Path shared = Path.of(System.getProperty("vigil.test.shared-dir", "../../shared"));
        Path ioc = shared.resolve("datasets/ioc");
        TestEnvironment.require(Files.isDirectory(ioc), "The shared IoC data set", "put ../shared beside the checkout");
        return ioc;
    }

    static byte[] read(String relative) {
        try {
            return Files.readAllBytes(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (var in = SharedIoc.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
