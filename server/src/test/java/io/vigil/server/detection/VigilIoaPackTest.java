package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.detection.attack.AttackCatalog;
import io.vigil.server.detection.attack.AttackTag;
import io.vigil.server.detection.attack.Tactic;
import io.vigil.sigma.Match;
import io.vigil.sigma.RuleMetadata;
import io.vigil.sigma.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Vigil's IoA pack, rule by rule: every file loads, carries the metadata a detection engineer
 * expects and ATT&amp;CK tags the catalog knows, and fires on its {@code match:} events and only on
 * them (the {@code .events.yml} beside it in the test resources), through the real parsers and the
 * engine with the built-in log-source mapping.
 */
class VigilIoaPackTest {

    private static final RuleSet PACK = VigilIoaPack.addTo(RuleSet.builder()).build();
    private static final String EVENTS = "/rules/vigil-ioa/";

    /** Rule file name (without folder) of a match. */
    private static String fileOf(RuleMetadata rule) {
        return rule.file().substring(rule.file().lastIndexOf('/') + 1);
    }

    @Test
    void shouldListEveryRuleFileOfTheFolderInTheIndex() throws URISyntaxException, IOException {
        Path folder = Path.of(Objects.requireNonNull(VigilIoaPack.class.getResource("/rules/vigil-ioa/index.txt"))
                        .toURI())
                .getParent();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")))
                    .containsExactlyInAnyOrderElementsOf(VigilIoaPack.files().keySet());
        }
    }

    @Test
    void shouldLoadEveryRuleWithoutRefusal() {
        assertThat(PACK.refusals()).isEmpty();
        assertThat(PACK.rules()).hasSize(VigilIoaPack.files().size()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(PACK.rules().stream().map(RuleMetadata::id).distinct()).hasSameSizeAs(PACK.rules());
        assertThat(PACK.rules().stream().map(RuleMetadata::title).distinct()).hasSameSizeAs(PACK.rules());
    }

    @Test
    void shouldGiveEveryRuleTheMetadataOfAWrittenDetection() {
        assertThat(PACK.rules()).allSatisfy(rule -> {
            assertThat(rule.id())
                    .as(rule.file())
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(rule.author()).as(rule.file()).isEqualTo("Vigil");
            assertThat(rule.status()).as(rule.file()).isIn("stable", "test", "experimental");
            assertThat(rule.level()).as(rule.file()).isIn("low", "medium", "high", "critical");
            assertThat(rule.description()).as(rule.file()).isNotBlank();
            assertThat(rule.falsePositives()).as(rule.file()).isNotEmpty();
            assertThat(rule.references()).as(rule.file()).isNotEmpty();
            assertThat(fileOf(rule))
                    .as("file prefix names the product")
                    .startsWith("linux".equals(rule.logSource().product()) ? "lnx_" : "win_");
        });
    }

    @Test
    void shouldTagEveryRuleWithCurrentAttackTacticsAndTechniquesThatBelongTogether() {
        AttackCatalog catalog = AttackCatalog.bundled();
        assertThat(PACK.rules()).allSatisfy(rule -> {
            Set<String> tactics = new HashSet<>();
            Set<String> techniqueTactics = new HashSet<>();
            int techniques = 0;
            for (String tag : rule.tags()) {
                AttackTag resolved = catalog.resolve(tag)
                        .orElseThrow(() -> new AssertionError(rule.file() + ": " + tag + " is not an ATT&CK tag"));
                switch (resolved) {
                    case AttackTag.TacticRef t -> {
                        assertThat(t.formerName())
                                .as(rule.file() + ": " + tag + " is a former tactic name")
                                .isNull();
                        tactics.add(t.tactic().shortName());
                    }
                    case AttackTag.TechniqueRef t -> {
                        assertThat(t.revokedId())
                                .as(rule.file() + ": " + tag + " is revoked")
                                .isNull();
                        assertThat(t.technique().deprecated())
                                .as(rule.file() + ": " + tag + " is deprecated")
                                .isFalse();
                        assertThat(t.technique().tactics())
                                .as(rule.file() + ": " + tag + " belongs to none of the rule's tactics " + tactics)
                                .extracting(Tactic::shortName)
                                .containsAnyElementsOf(tacticTags(catalog, rule));
                        t.technique().tactics().forEach(x -> techniqueTactics.add(x.shortName()));
                        techniques++;
                    }
                    case AttackTag.Unknown u -> throw new AssertionError(rule.file() + ": unknown ATT&CK id " + u.id());
                }
            }
            assertThat(techniques).as(rule.file() + " technique tags").isPositive();
            assertThat(techniqueTactics)
                    .as(rule.file() + ": every tactic tag has a technique")
                    .containsAll(tactics);
        });
    }

    private static List<String> tacticTags(AttackCatalog catalog, RuleMetadata rule) {
        return rule.attackTactics().stream()
                .flatMap(t -> catalog.tactic(t).stream())
                .map(Tactic::shortName)
                .toList();
    }

    @Test
    void shouldHaveAtLeastOneMatchAndOneNomatchCasePerRule() {
        Map<String, List<PackCase>> byRule = new java.util.TreeMap<>();
        cases().forEach(c ->
                byRule.computeIfAbsent(c.rule(), r -> new ArrayList<>()).add(c));
        assertThat(byRule.keySet())
                .containsExactlyInAnyOrderElementsOf(VigilIoaPack.files().keySet());
        assertThat(byRule).allSatisfy((rule, list) -> {
            assertThat(list).as(rule + " match cases").anyMatch(PackCase::match);
            assertThat(list).as(rule + " nomatch cases").anyMatch(c -> !c.match());
        });
    }

    static List<PackCase> cases() {
        List<PackCase> all = new ArrayList<>();
        for (String rule : VigilIoaPack.files().keySet()) {
            String events = rule.replace(".yml", ".events.yml");
            try (InputStream in = VigilIoaPackTest.class.getResourceAsStream(EVENTS + events)) {
                if (in == null) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> doc =
                        (Map<String, Object>) new Load(LoadSettings.builder().build())
                                .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                all.addAll(PackCase.read(rule, doc));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldFireExactlyTheExpectedRules(PackCase c) {
        Set<String> fired = new TreeSet<>();
        for (Match m : PACK.match(new CanonicalSigmaEvent(c.event()))) {
            fired.add(fileOf(m.rule()));
        }
        if (c.match()) {
            Set<String> expected = new TreeSet<>(c.also());
            expected.add(c.rule());
            assertThat(fired).as("pack rules fired").isEqualTo(expected);
        } else {
            assertThat(fired).as("pack rules fired").doesNotContain(c.rule());
        }
    }
}
