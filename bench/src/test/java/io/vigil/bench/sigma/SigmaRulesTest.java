package io.vigil.bench.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.RuleSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigmaRulesTest {
    private static String rule(String id) {
        return """
                title: Rule %s
                id: %s
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    sel:
                        CommandLine|contains: %s
                    condition: sel
                """.formatted(id, id, id);
    }

    @Test
    void shouldLoadEveryYamlFileUnderTheFolderAndNothingElse(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/one.yml"), rule("one"));
        Files.writeString(dir.resolve("a/b/two.yml"), rule("two"));
        Files.writeString(dir.resolve("a/README.md"), "not a rule");

        RuleSet set = SigmaRules.load(dir);

        assertThat(set.refusals()).isEmpty();
        assertThat(set.rules()).extracting(r -> r.id()).containsExactly("two", "one");
    }

    @Test
    void shouldReportAPositiveSettledHeap() {
        assertThat(SigmaHeap.settledUsedHeap(ManagementFactory.getMemoryMXBean()))
                .isPositive();
    }
}
