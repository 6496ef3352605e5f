package io.vigil.server.detection.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The shipped compact catalog is exactly what the converter derives from the ATT&amp;CK data set
 * ({@code ../shared/datasets/attack}); skipped without the data set, failing in CI
 * ({@code VIGIL_TEST_STRICT=1}).
 */
class AttackCatalogDatasetTest {

    private static Path dataset() {
        Path attack = Path.of(System.getProperty("vigil.test.shared-dir", "../../shared"), "datasets", "attack");
        TestEnvironment.require(
                Files.isDirectory(attack), "The shared ATT&CK data set", "put ../shared beside the checkout");
        return attack;
    }

    @Test
    void shouldShipExactlyWhatTheDatasetGives() throws IOException {
        String derived = AttackDatasetConverter.convert(dataset());
        String shipped;
        try (InputStream in =
                Objects.requireNonNull(AttackCatalog.class.getResourceAsStream("enterprise-attack.tsv"))) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(shipped)
                .as("enterprise-attack.tsv is stale: regenerate it with AttackDatasetConverter (see its Javadoc)")
                .isEqualTo(derived);
    }

    @Test
    void shouldAgreeWithEveryRowOfTheDataset() throws IOException {
        Path attack = dataset();
        AttackCatalog catalog = AttackCatalog.bundled();
        var techniques = AttackDatasetConverter.csv(attack.resolve("enterprise_techniques_v19.csv"));
        assertThat(catalog.techniques()).hasSize(techniques.size());
        for (AttackDatasetConverter.Row row : techniques) {
            Technique t = catalog.technique(row.get("technique_id")).orElseThrow();
            assertThat(t.name()).isEqualTo(row.get("name"));
            assertThat(String.join(
                            ";", t.tactics().stream().map(Tactic::shortName).toList()))
                    .isEqualTo(row.get("tactic_shortnames"));
            assertThat(t.isSubTechnique()).isEqualTo(Boolean.parseBoolean(row.get("is_subtechnique")));
            assertThat(t.deprecated()).isEqualTo(Boolean.parseBoolean(row.get("deprecated")));
        }
        var revoked = AttackDatasetConverter.csv(attack.resolve("enterprise_revoked_v19.csv"));
        assertThat(revoked).hasSize(149);
        for (AttackDatasetConverter.Row row : revoked) {
            Technique replacement =
                    catalog.replacementOf(row.get("technique_id")).orElseThrow();
            assertThat(replacement.id()).isEqualTo(row.get("replaced_by_id"));
            assertThat(replacement.name()).isEqualTo(row.get("replaced_by_name"));
        }
        for (AttackDatasetConverter.Row row :
                AttackDatasetConverter.csv(attack.resolve("enterprise_tactics_v19.csv"))) {
            assertThat(catalog.tactic(row.get("shortname")))
                    .contains(new Tactic(row.get("tactic_id"), row.get("shortname"), row.get("name")));
        }
    }
}
