package io.vigil.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.detection.Alert;
import io.vigil.server.platform.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CandidateGrouperTest {

    private static final TenantId TENANT = new TenantId("t1");
    private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    static TriagedAlert alert(
            String id,
            String asset,
            int minutes,
            @Nullable String user,
            List<String> chain,
            List<String> linked,
            int score) {
        return new TriagedAlert(
                new AlertFeatures(
                        id,
                        TENANT,
                        asset,
                        null,
                        T0.plus(Duration.ofMinutes(minutes)),
                        "rule-" + id,
                        "Rule " + id,
                        "high",
                        Alert.Technology.SIGMA,
                        List.of("execution"),
                        List.of("T1059"),
                        user,
                        chain,
                        linked),
                score,
                List.of(),
                "test",
                T0,
                null);
    }

    private static List<List<String>> ids(List<CandidateGrouper.Group> groups) {
        return groups.stream()
                .map(g -> g.alerts().stream().map(a -> a.features().alertId()).toList())
                .toList();
    }

    @Test
    void shouldGroupTheSameHostWithinTheWindowAndSplitOutsideIt() {
        List<CandidateGrouper.Group> groups = CandidateGrouper.group(
                TENANT,
                List.of(
                        alert("a", "web01", 0, null, List.of(), List.of(), 40),
                        alert("b", "web01", 50, null, List.of(), List.of(), 60),
                        alert("c", "web01", 200, null, List.of(), List.of(), 30)),
                HOUR);
        assertThat(ids(groups)).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(groups.getFirst().links()).containsExactly("same host web01");
        assertThat(groups.getFirst().score()).isEqualTo(60 + 3);
    }

    @Test
    void shouldGroupTheSameProcessTreeAtAnyDistanceInTime() {
        List<CandidateGrouper.Group> groups = CandidateGrouper.group(
                TENANT,
                List.of(
                        alert("dropper", "web01", 0, null, List.of("g2", "g1"), List.of(), 30),
                        alert("child", "web01", 600, null, List.of("g5", "g4", "g2", "g1"), List.of(), 50),
                        alert("other", "web01", 700, null, List.of("g9"), List.of(), 50)),
                HOUR);
        assertThat(ids(groups)).containsExactly(List.of("dropper", "child"), List.of("other"));
        assertThat(groups.getFirst().links()).containsExactly("same process tree on web01");
    }

    @Test
    void shouldGroupTheSameUserAcrossHostsButNotSystemAccounts() {
        List<CandidateGrouper.Group> groups = CandidateGrouper.group(
                TENANT,
                List.of(
                        alert("a", "ws1", 0, "corp\\alice", List.of(), List.of(), 40),
                        alert("b", "ws2", 10, "corp\\alice", List.of(), List.of(), 40),
                        alert("c", "ws3", 11, "nt authority\\system", List.of(), List.of(), 40),
                        alert("d", "ws4", 12, "nt authority\\system", List.of(), List.of(), 40)),
                HOUR);
        assertThat(ids(groups)).containsExactly(List.of("a", "b"), List.of("c"), List.of("d"));
        assertThat(groups.getFirst().links()).containsExactly("same user corp\\alice");
    }

    @Test
    void shouldLinkHostsByLateralMovementAndAddTheSeveralHostsBonus() {
        List<CandidateGrouper.Group> groups = CandidateGrouper.group(
                TENANT,
                List.of(
                        alert("sc", "ws-cs", 0, "corp\\bob", List.of("g1"), List.of("srv-cs"), 60),
                        alert("svc", "srv-cs.corp.example", 1, "nt authority\\system", List.of("g6"), List.of(), 50)),
                HOUR);
        assertThat(ids(groups)).containsExactly(List.of("sc", "svc"));
        assertThat(groups.getFirst().links()).containsExactly("lateral movement ws-cs → srv-cs.corp.example");
        assertThat(groups.getFirst().score()).isEqualTo(60 + 3 + 10);
    }

    @Test
    void shouldBeDeterministicWhateverTheOrder() {
        List<TriagedAlert> alerts = new ArrayList<>(List.of(
                alert("a", "web01", 0, null, List.of(), List.of(), 40),
                alert("b", "web01", 5, null, List.of(), List.of(), 40),
                alert("c", "db01", 6, "corp\\carol", List.of(), List.of(), 40),
                alert("d", "db02", 7, "corp\\carol", List.of(), List.of(), 40)));
        List<CandidateGrouper.Group> first = CandidateGrouper.group(TENANT, alerts, HOUR);
        Collections.reverse(alerts);
        List<CandidateGrouper.Group> second = CandidateGrouper.group(TENANT, alerts, HOUR);
        assertThat(second).isEqualTo(first);
        assertThat(first.getFirst().id()).isEqualTo(CandidateGrouper.idFor(TENANT, "a"));
        assertThat(ids(first)).containsExactly(List.of("a", "b"), List.of("c", "d"));
    }
}
