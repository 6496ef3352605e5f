package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PipelinePriorityTest {

    /** The calling thread's nice value, field 19 of {@code /proc/thread-self/stat}. */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
        return Integer.parseInt(rest[16]);
    }

    @Test
    void shouldLowerOnlyTheCallingThread() throws Exception {
        TestEnvironment.require(
                Files.isSymbolicLink(Path.of("/proc/thread-self")) && Files.isExecutable(Path.of("/usr/bin/renice")),
                "Linux with renice (util-linux)",
                "run on Linux with util-linux installed");
        int before = niceOfThisThread();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread pipeline = Thread.ofPlatform().start(() -> {
            try {
                String failed = PipelinePriority.lowerCurrentThread(Math.max(before, 10) + 1);
                result.set(failed == null ? niceOfThisThread() : failed);
            } catch (Exception e) {
                result.set(e);
            }
        });
        pipeline.join();
        assertThat(result.get()).isEqualTo(Math.max(before, 10) + 1);
        assertThat(niceOfThisThread()).as("the caller's own thread").isEqualTo(before);
    }

    @Test
    void shouldLeaveThePriorityAloneAtZero() throws Exception {
        assertThat(PipelinePriority.lowerCurrentThread(0)).contains("pipeline-nice is 0");
    }
}
