package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every active SigmaHQ rule loads; legacy rules are refused with a reason naming the feature. */
class RuleCorpusConformanceTest {
    /** Two CVE-2026-54121 rules filter on {@code %known_cdcs%}: the spec requires a value for it. */
    private static final Map<String, List<String>> EMERGING_THREAT_PLACEHOLDERS =
            Map.of("known_cdcs", List.of("dc01.example.org"));

    @ParameterizedTest
    @ValueSource(strings = {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance"})
    void shouldLoadEveryRuleOfFolderWithoutRefusal(String folder) {
        Path repo = SharedData.sigmaRepository();
        RuleSet set = SigmaCorpus.load(repo, List.of(folder), EMERGING_THREAT_PLACEHOLDERS);

        System.out.printf(
                "conformance %s: %d loaded, %d refused%n",
                folder, set.rules().size(), set.refusals().size());
        assertThat(set.refusals()).isEmpty();
        assertThat(set.rules()).isNotEmpty();
    }

    @Test
    void shouldLoadPlaceholderRulesWhenValuesAreSupplied() {
        Path repo = SharedData.sigmaRepository();
        RuleSet set = SigmaCorpus.load(repo, List.of("rules-placeholder"), PlaceholderValues.ALL);

        System.out.printf(
                "conformance rules-placeholder: %d loaded, %d refused%n",
                set.rules().size(), set.refusals().size());
        assertThat(set.refusals()).isEmpty();
        assertThat(set.rules()).isNotEmpty();
    }

    @Test
    void shouldRefusePlaceholderRulesWhenValuesAreMissing() {
        Path repo = SharedData.sigmaRepository();
        RuleSet set = SigmaCorpus.load(repo, List.of("rules-placeholder"), Map.of());

        assertThat(set.refusals()).isNotEmpty();
        assertThat(set.refusals())
                .flatMap(Refusal::problems)
                .extracting(RuleProblem::message)
                .anyMatch(m -> m.contains("unresolved placeholder"));
    }

    @Test
    void shouldRefuseEveryUnsupportedRuleNamingTheFeature() {
        Path repo = SharedData.sigmaRepository();
        RuleSet set = SigmaCorpus.load(repo, List.of("unsupported"), Map.of());

        System.out.printf(
                "conformance unsupported: %d loaded, %d refused%n",
                set.rules().size(), set.refusals().size());
        assertThat(set.rules()).as("every rule of unsupported/ is refused").isEmpty();
        assertThat(set.refusals())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.problems())
                        .extracting(RuleProblem::message)
                        .anyMatch(m -> m.contains("aggregation")
                                || m.contains("legacy")
                                || m.contains("status 'unsupported'")
                                || m.contains("Sigma 1 date format")));
    }
}
