package io.vigil.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads small fixtures from {@code src/test/resources}. */
public final class Fixtures {
    private Fixtures() {}

    /**
     * Reads a fixture next to a test class.
     *
     * @param owner the test class (its package is the folder)
     * @param name the file name
     * @return the bytes
     */
    public static byte[] read(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + name + " next to " + owner.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
