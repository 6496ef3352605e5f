package io.vigil.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/** The triage tables on both dialects: scoring once, candidates, decisions, verdicts, policies, tenants apart. */
class TriageRepositoryTest {

    private static final TenantId TENANT = new TenantId("t1");
    private static final TenantId OTHER = new TenantId("t2");
    private static final Instant NOW = Instant.parse("2026-11-28T07:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldScoreOnceGroupDecideAndKeepTenantsApart(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            TriageRepository repo =
                    new TriageRepository(db.jdbc(), JsonMapper.builder().build());
            db.jdbc()
                    .sql(
                            "INSERT INTO alerts (id, tenant_id, alert_key, technology, rule_id, rule_title, level, tactics,"
                                    + " techniques, asset, event_id, event_time, detected_at, evidence) VALUES ('a9', 't1',"
                                    + " 'k9', 'SIGMA', 'r', 'R', 'high', '', '', 'web01', NULL, 1, 2, '[]')")
                    .update();
            assertThat(repo.unscoredAcrossTenants(10)).containsExactly(new TriageRepository.AlertRef(TENANT, "a9"));

            TriagedAlert a = CandidateGrouperTest.alert("a", "web01", 0, "corp\\alice", List.of("g1"), List.of(), 40);
            TriagedAlert b =
                    CandidateGrouperTest.alert("b", "web01", 5, "corp\\alice", List.of("g2", "g1"), List.of(), 70);
            assertThat(repo.insert(a)).isTrue();
            assertThat(repo.insert(a)).as("scored once").isFalse();
            assertThat(repo.insert(b)).isTrue();
            assertThat(repo.tacticsNear(
                            TENANT,
                            "web01",
                            Instant.parse("2026-11-28T05:00:00Z"),
                            Instant.parse("2026-11-28T07:00:00Z")))
                    .containsExactly("execution", "execution");

            List<TriagedAlert> open = repo.open(TENANT, 100);
            assertThat(open).hasSize(2);
            assertThat(open.getFirst().features()).isEqualTo(b.features());
            CandidateGrouper.Group g =
                    CandidateGrouper.group(TENANT, open, Duration.ofHours(1)).getFirst();
            Candidate c = TriageJob.candidate(TENANT, g, NOW);
            repo.saveOpen(c, List.of("a", "b"));
            repo.saveOpen(c, List.of("a", "b"));
            assertThat(repo.openCandidates(TENANT)).containsExactly(java.util.Map.entry(c.id(), 2));
            assertThat(repo.candidate(TenantScope.of(TENANT), TENANT, c.id())).contains(c);
            assertThat(repo.candidate(TenantScope.of(OTHER), TENANT, c.id())).isEmpty();
            assertThat(repo.queue(TenantScope.of(TENANT), TENANT, CandidateStatus.OPEN, 10, 0))
                    .containsExactly(c);
            assertThat(repo.queue(TenantScope.of(OTHER), OTHER, CandidateStatus.OPEN, 10, 0))
                    .isEmpty();
            assertThat(repo.count(TenantScope.of(TENANT), TENANT, CandidateStatus.OPEN))
                    .isEqualTo(1);
            assertThat(repo.alertsOf(TENANT, c.id()))
                    .extracting(t -> t.features().alertId())
                    .containsExactly("a", "b");

            assertThat(repo.decide(TENANT, c.id(), CandidateStatus.DISMISSED, null, NOW))
                    .isTrue();
            assertThat(repo.decide(TENANT, c.id(), CandidateStatus.PROMOTED, null, NOW))
                    .isFalse();
            assertThat(repo.open(TENANT, 100))
                    .as("decided alerts leave the queue")
                    .isEmpty();
            repo.saveOpen(c, List.of("a", "b"));
            assertThat(repo.candidate(TenantScope.of(TENANT), TENANT, c.id())
                            .orElseThrow()
                            .status())
                    .as("grouping never reopens a decided candidate")
                    .isEqualTo(CandidateStatus.DISMISSED);

            Verdict v = new Verdict(
                    "v1", TENANT, c.id(), List.of("a", "b"), List.of(a, b), "FALSE_POSITIVE", "backup", "ann", NOW);
            repo.insertVerdict(v);
            assertThat(repo.verdicts(TenantScope.all(), Instant.EPOCH, 10)).containsExactly(v);
            assertThat(repo.verdicts(TenantScope.of(OTHER), Instant.EPOCH, 10)).isEmpty();

            assertThat(repo.policy(TENANT)).isEmpty();
            AutoPublishPolicy p = new AutoPublishPolicy(true, 70, List.of("r1"), List.of("critical"), true);
            repo.savePolicy(TENANT, p, "ann", NOW);
            repo.savePolicy(TENANT, p, "ann", NOW);
            assertThat(repo.policy(TENANT)).contains(p);
            assertThat(repo.policy(OTHER)).isEmpty();
        }
    }
}
