package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seven correlation types, group-by, sliding windows, chains, late events and snapshots. */
class CorrelationEngineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final String BASE = Rules.rule("login-id", "sel:\n    Action: login\ncondition: sel")
                    .replace("title:", "name: login\ntitle:")
            + "---\n"
            + Rules.rule("recon-id", "sel:\n    Action: recon\ncondition: sel").replace("title:", "name: recon\ntitle:")
            + "---\n";

    private static CorrelationEngine engine(String correlation) {
        RuleSet set = RuleSet.builder().add("c.yml", BASE + correlation).build();
        assertThat(set.refusals()).isEmpty();
        return CorrelationEngine.create(set, CorrelationEngine.Limits.DEFAULT);
    }

    private static RuleSet rules(String correlation) {
        return RuleSet.builder().add("c.yml", BASE + correlation).build();
    }

    /** Feeds (second offset, event) pairs; returns the number of alerts per call. */
    private static List<Integer> feed(String correlation, List<Map<String, Object>> events, List<Integer> seconds) {
        RuleSet set = rules(correlation);
        CorrelationEngine engine = CorrelationEngine.create(set, CorrelationEngine.Limits.DEFAULT);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SigmaEvent e = MapEvent.of(events.get(i), Rules.TEST_PRODUCT);
            Set<String> ids = set.match(e).stream().map(m -> m.rule().id()).collect(Collectors.toSet());
            out.add(engine.accept(e, T0.plusSeconds(seconds.get(i)), ids).size());
        }
        return out;
    }

    private static Map<String, Object> ev(String action, String user, Object value) {
        return Map.of("Action", action, "User", user, "Host", "h1", "Bytes", value);
    }

    @Test
    void shouldFireEventCountPerGroupInsideTheWindow() {
        String c = """
                title: Many logins
                id: c1
                correlation:
                    type: event_count
                    rules: [login]
                    group-by: [User]
                    timespan: 1m
                    condition:
                        gte: 3
                """;
        assertThat(feed(
                        c,
                        List.of(ev("login", "a", 1), ev("login", "b", 1), ev("login", "a", 1), ev("login", "a", 1)),
                        List.of(0, 1, 2, 3)))
                .containsExactly(0, 0, 0, 1);
        assertThat(feed(c, List.of(ev("login", "a", 1), ev("login", "a", 1), ev("login", "a", 1)), List.of(0, 30, 100)))
                .as("the first event slid out of the one-minute window")
                .containsExactly(0, 0, 0);
    }

    @Test
    void shouldFireValueCountOnDistinctValues() {
        String c = """
                title: Many hosts
                id: c2
                correlation:
                    type: value_count
                    rules: [login]
                    group-by: [Host]
                    timespan: 1h
                    condition:
                        field: User
                        gte: 2
                """;
        assertThat(feed(c, List.of(ev("login", "a", 1), ev("login", "a", 1), ev("login", "b", 1)), List.of(0, 1, 2)))
                .containsExactly(0, 0, 1);
    }

    @Test
    void shouldFireValueSumAndValueAvg() {
        String sum = """
                title: Big transfer
                id: c3
                correlation:
                    type: value_sum
                    rules: [login]
                    group-by: [User]
                    timespan: 1h
                    condition:
                        field: Bytes
                        gt: 100
                """;
        assertThat(feed(sum, List.of(ev("login", "a", 60), ev("login", "a", 50)), List.of(0, 1)))
                .containsExactly(0, 1);
        String avg = sum.replace("value_sum", "value_avg").replace("c3", "c4").replace("gt: 100", "gte: 55");
        assertThat(feed(avg, List.of(ev("login", "a", 50), ev("login", "a", 60)), List.of(0, 1)))
                .containsExactly(0, 1);
    }

    @Test
    void shouldFireValuePercentileForRareValues() {
        String c = """
                title: Rare user
                id: c5
                correlation:
                    type: value_percentile
                    rules: [login]
                    group-by: [Host]
                    timespan: 1d
                    condition:
                        field: User
                        lte: 20
                """;
        List<Map<String, Object>> events = new ArrayList<>();
        List<Integer> times = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(ev("login", "common", 1));
            times.add(i);
        }
        events.add(ev("login", "rare", 1));
        times.add(10);
        List<Integer> alerts = feed(c, events, times);
        assertThat(alerts.get(alerts.size() - 1)).isEqualTo(1);
        assertThat(alerts.subList(1, alerts.size() - 1)).containsOnly(0);
    }

    @Test
    void shouldFireTemporalWhenEveryRuleMatchedInAnyOrder() {
        String c = """
                title: Login and recon
                id: c6
                correlation:
                    type: temporal
                    rules: [login, recon]
                    group-by: [User]
                    timespan: 5m
                """;
        assertThat(feed(c, List.of(ev("recon", "a", 1), ev("login", "b", 1), ev("login", "a", 1)), List.of(0, 1, 2)))
                .containsExactly(0, 0, 1);
    }

    @Test
    void shouldFireTemporalOrderedOnlyInTheGivenOrder() {
        String c = """
                title: Login then recon
                id: c7
                correlation:
                    type: temporal_ordered
                    rules: [login, recon]
                    group-by: [User]
                    timespan: 5m
                """;
        assertThat(feed(c, List.of(ev("recon", "a", 1), ev("login", "a", 1)), List.of(0, 1)))
                .containsExactly(0, 0);
        assertThat(feed(c, List.of(ev("login", "a", 1), ev("recon", "a", 1)), List.of(0, 1)))
                .containsExactly(0, 1);
    }

    @Test
    void shouldFeedChainedCorrelations() {
        String c = """
                title: Many logins
                id: c8
                name: many_logins
                correlation:
                    type: event_count
                    rules: [login]
                    group-by: [User]
                    timespan: 1m
                    condition:
                        gte: 2
                ---
                title: Many logins then recon
                id: c9
                correlation:
                    type: temporal_ordered
                    rules: [many_logins, recon]
                    group-by: [User]
                    timespan: 10m
                """;
        assertThat(feed(c, List.of(ev("login", "a", 1), ev("login", "a", 1), ev("recon", "a", 1)), List.of(0, 1, 2)))
                .containsExactly(0, 1, 1);
    }

    @Test
    void shouldDropLateEventsOutsideTheWindow() {
        CorrelationEngine engine = engine("""
                title: Many logins
                id: c10
                correlation:
                    type: event_count
                    rules: [login]
                    group-by: [User]
                    timespan: 1m
                    condition:
                        gte: 5
                """);
        SigmaEvent e = MapEvent.of(ev("login", "a", 1), Rules.TEST_PRODUCT);
        engine.accept(e, T0.plusSeconds(600), Set.of("login-id"));
        engine.accept(e, T0, Set.of("login-id"));
        assertThat(engine.lateEvents()).isEqualTo(1);
    }

    @Test
    void shouldContinueFromARestoredSnapshot() {
        String c = """
                title: Many logins
                id: c11
                correlation:
                    type: event_count
                    rules: [login]
                    group-by: [User]
                    timespan: 1h
                    condition:
                        gte: 3
                """;
        CorrelationEngine first = engine(c);
        SigmaEvent e = MapEvent.of(ev("login", "a", 1), Rules.TEST_PRODUCT);
        first.accept(e, T0, Set.of("login-id"));
        first.accept(e, T0.plusSeconds(1), Set.of("login-id"));
        CorrelationSnapshot snapshot = first.snapshot();

        CorrelationEngine second = engine(c);
        second.restore(snapshot);
        List<CorrelationAlert> alerts = second.accept(e, T0.plusSeconds(2), Set.of("login-id"));

        assertThat(snapshot.groups()).hasSize(1);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule().id()).isEqualTo("c11");
            assertThat(a.groupKey()).containsExactly("User=a");
            assertThat(a.events()).isEqualTo(3);
            assertThat(a.first()).isEqualTo(T0);
        });
    }

    @Test
    void shouldBoundGroupsByEvictingTheLeastRecentlyUpdated() {
        RuleSet set = rules("""
                title: Many logins
                id: c12
                correlation:
                    type: event_count
                    rules: [login]
                    group-by: [User]
                    timespan: 1h
                    condition:
                        gte: 2
                """);
        CorrelationEngine engine = CorrelationEngine.create(set, new CorrelationEngine.Limits(2, 100));
        engine.accept(MapEvent.of(ev("login", "a", 1), Rules.TEST_PRODUCT), T0, Set.of("login-id"));
        engine.accept(MapEvent.of(ev("login", "b", 1), Rules.TEST_PRODUCT), T0, Set.of("login-id"));
        engine.accept(MapEvent.of(ev("login", "c", 1), Rules.TEST_PRODUCT), T0, Set.of("login-id"));

        assertThat(engine.snapshot().groups()).hasSize(2);
        assertThat(engine.accept(MapEvent.of(ev("login", "a", 1), Rules.TEST_PRODUCT), T0, Set.of("login-id")))
                .as("group a was evicted, so this is its first event again")
                .isEmpty();
    }

    @Test
    void shouldReportRulesSuppressedByGenerateFalse() {
        CorrelationEngine engine = engine("""
                title: Many logins
                id: c13
                correlation:
                    type: event_count
                    rules: [login]
                    timespan: 1h
                    condition:
                        gte: 2
                """);
        assertThat(engine.suppressedRuleIds()).containsExactly("login-id");
    }
}
