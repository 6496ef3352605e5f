package io.vigil.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary folders for tests and benchmarks that are deleted when the JVM exits: a server's data
 * folder lives as long as its (cached) Spring context, so it cannot be deleted after the test class;
 * a benchmark's folder holds hundreds of megabytes, and folders left behind in {@code /tmp} have
 * filled the disk mid-benchmark. The SQLite files may still be open when the hook runs; deleting
 * them is fine on the platforms Vigil runs on (the space is freed when the last handle closes).
 */
public final class TestDirs {

    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDirs::deleteAll, "test-dirs-cleanup"));
    }

    private TestDirs() {}

    /** A new empty folder under the system's temporary folder, deleted with everything in it at exit. */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            synchronized (CREATED) {
                CREATED.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteAll() {
        List<Path> dirs;
        synchronized (CREATED) {
            dirs = List.copyOf(CREATED);
        }
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(TestDirs::deleteQuietly);
            } catch (IOException | UncheckedIOException e) {
                // best effort at exit: a folder that cannot be walked is left for the system's tmp cleaning
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort, see deleteAll
        }
    }
}
