package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.ThreadStats;
import io.vigil.server.platform.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PipelinePriorityTest {

    @Test
    void shouldLowerOnlyTheCallingThread() throws Exception {
        TestEnvironment.require(
                Files.isSymbolicLink(Path.of("/proc/thread-self")) && Files.isExecutable(Path.of("/usr/bin/renice")),
                "Linux with renice (util-linux)",
                "run on Linux with util-linux installed");
        int before = ThreadStats.current().nice();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread pipeline = Thread.ofPlatform().start(() -> {
            try {
                String failed = PipelinePriority.lowerCurrentThread(Math.max(before, 10) + 1);
                result.set(failed == null ? ThreadStats.current().nice() : failed);
            } catch (Exception e) {
                result.set(e);
            }
        });
        pipeline.join();
        assertThat(result.get()).isEqualTo(Math.max(before, 10) + 1);
        assertThat(ThreadStats.current().nice()).as("the caller's own thread").isEqualTo(before);
    }

    @Test
    void shouldLeaveThePriorityAloneAtZero() throws Exception {
        assertThat(PipelinePriority.lowerCurrentThread(0)).contains("pipeline-nice is 0");
    }
}
