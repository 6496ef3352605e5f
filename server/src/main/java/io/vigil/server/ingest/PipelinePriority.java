package io.vigil.server.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs the calling thread at a lower CPU priority (a Linux nice value), so that when the cores are
 * busy, accepting telemetry comes before the pipeline behind the log.
 *
 * <p>Why: an agent's batch waits for its acknowledgement, and agents hold only so much data while
 * they wait; the log is durable, so the store writer and the detection pipeline can catch up after
 * a burst. Without this, the pipeline's threads take an equal share of the cores during a burst and
 * the rate at which batches are accepted falls with them.
 *
 * <p>How: Java has no call to set one thread's nice value, and the JVM's own thread-priority
 * mapping needs a start-up flag that prints a warning for users other than root. The thread
 * therefore runs {@code renice} (util-linux, present on every Linux distribution) on its own
 * thread id, read from {@code /proc/thread-self}. Raising one's own nice value needs no privilege.
 * Elsewhere (macOS, Windows) or without {@code renice}, the thread keeps its priority and the
 * reason is returned for the log.
 */
final class PipelinePriority {

    private PipelinePriority() {}

    /**
     * Sets the calling thread's nice value to {@code nice} (1-19; 0 leaves it as it is).
     *
     * @return null when done, otherwise why not
     */
    static @Nullable String lowerCurrentThread(int nice) {
        if (nice <= 0) {
            return "vigil.ingest.pipeline-nice is 0";
        }
        Path self = Path.of("/proc/thread-self");
        if (!Files.isSymbolicLink(self)) {
            return "this system has no /proc/thread-self (not Linux)";
        }
        try {
            String tid = Files.readSymbolicLink(self).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return "renice did not finish within 10 s";
            }
            return renice.exitValue() == 0 ? null : "renice failed: " + output;
        } catch (IOException e) {
            return "cannot run renice (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
