package io.vigil.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.detection.Alert;
import io.vigil.server.platform.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBasedScorerTest {

    private static final TenantId TENANT = new TenantId("t1");
    private final RuleBasedScorer scorer = new RuleBasedScorer();

    static Alert alert(String level, Alert.Technology technology, String... tactics) {
        return new Alert(
                "a1",
                TENANT,
                "k1",
                technology,
                "rule-1",
                "Suspicious thing",
                level,
                List.of(tactics),
                List.of(),
                "web01",
                null,
                Instant.parse("2026-11-28T06:00:00Z"),
                Instant.parse("2026-11-28T06:00:01Z"),
                List.of());
    }

    private static TriageContext context(String... tactics) {
        return new TriageContext(null, null, List.of(tactics), Duration.ofHours(1));
    }

    @Test
    void shouldScoreByLevelAndExplainEveryFactorAbsentOnesIncluded() {
        TriageScore high = scorer.score(alert("high", Alert.Technology.SIGMA), context());
        assertThat(high.score()).isEqualTo(35);
        assertThat(high.factors())
                .extracting(ScoreFactor::factor)
                .containsExactly("rule_level", "ioc_hit", "asset_criticality", "first_seen_in_fleet", "host_tactics");
        assertThat(high.factors().get(2).why()).contains("not known");
        assertThat(high.factors().get(3).why()).contains("not known");
        assertThat(scorer.score(alert("critical", Alert.Technology.SIGMA), context())
                        .score())
                .isEqualTo(50);
        assertThat(scorer.score(alert("low", Alert.Technology.SIGMA), context()).score())
                .isEqualTo(10);
    }

    @Test
    void shouldAddPointsForAnIocHitAndForSeveralTacticsOnTheHost() {
        TriageScore ioc = scorer.score(alert("medium", Alert.Technology.IOC), context());
        assertThat(ioc.score()).isEqualTo(20 + 25);
        TriageScore busy = scorer.score(
                alert("high", Alert.Technology.SIGMA, "execution"),
                context("credential-access", "execution", "lateral-movement"));
        assertThat(busy.score()).isEqualTo(35 + 20);
        assertThat(busy.factors().getLast().why()).contains("3 distinct", "lateral-movement");
    }

    @Test
    void shouldUseEnrichmentWhenItIsThereAndCapAt100() {
        TriageScore all = scorer.score(
                alert("critical", Alert.Technology.IOC),
                new TriageContext(5, true, List.of("a", "b", "c", "d", "e"), Duration.ofHours(1)));
        assertThat(all.score()).isEqualTo(100);
        assertThat(all.factors().get(2).points()).isEqualTo(20);
        assertThat(all.factors().get(3).points()).isEqualTo(15);
        assertThat(all.factors().get(4).points()).isEqualTo(30);
    }
}
