package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.DataProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders the pipeline's rules come from, and how a change is noticed. */
class RulePacksTest {

    @TempDir
    Path dir;

    private static String rule(String id) {
        return """
                title: Rule %s
                id: %s
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        Image|endswith: '\\x.exe'
                    condition: selection
                level: low
                """.formatted(id, id);
    }

    private RulePacks packs(List<Path> folders) {
        return new RulePacks(
                new DetectionProperties(true, folders, false, Duration.ofMinutes(1)),
                new DataProperties(dir.resolve("data")),
                Clock.systemUTC());
    }

    @Test
    void shouldPickUpRulesThatRulesUpdateInstalledAndNameTheirLicense() throws IOException {
        RulePacks packs = packs(List.of());
        assertThat(packs.current().rules().rules()).isEmpty();

        Path installed = RulesUpdate.installFolder(dir.resolve("data"));
        Files.createDirectories(installed.resolve("rules"));
        Files.writeString(installed.resolve("rules/a.yml"), rule("7c1d0000-0000-4000-8000-000000000001"));
        Files.writeString(installed.resolve(RulesUpdate.SOURCE_FILE), "url: https://example.invalid/sigma_core.zip\n");
        packs.reloadIfChanged();

        assertThat(packs.current().rules().rules()).hasSize(1);
        assertThat(packs.current().packs()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("SigmaHQ");
            assertThat(p.files()).isEqualTo(1);
            assertThat(p.attribution()).contains("Detection Rule License", "https://example.invalid/sigma_core.zip");
        });
    }

    @Test
    void shouldReloadOnlyWhenAFolderChanged() throws IOException, InterruptedException {
        Path folder = Files.createDirectories(dir.resolve("ours"));
        Files.writeString(folder.resolve("a.yml"), rule("7c1d0000-0000-4000-8000-000000000002"));
        RulePacks packs = packs(List.of(folder));
        RulePacks.Loaded first = packs.current();
        packs.reloadIfChanged();
        assertThat(packs.current()).isSameAs(first);

        Files.writeString(folder.resolve("b.yml"), rule("7c1d0000-0000-4000-8000-000000000003"));
        packs.reloadIfChanged();
        assertThat(packs.current().rules().rules()).hasSize(2);

        Files.delete(folder.resolve("a.yml"));
        packs.reloadIfChanged();
        assertThat(packs.current().rules().rules()).hasSize(1);
    }

    @Test
    void shouldRefuseToStartOnAFolderThatDoesNotExist() {
        assertThatThrownBy(() -> packs(List.of(dir.resolve("no-such-folder"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vigil.detection.rules names")
                .hasMessageContaining("no-such-folder");
    }
}
