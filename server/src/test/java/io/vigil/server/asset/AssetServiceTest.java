package io.vigil.server.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.TestDatabase;
import io.vigil.server.platform.ValidationException;
import io.vigil.telemetry.CanonicalEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The asset inventory on both databases: from agent batches and shipper events, cheap updates, criticality. */
class AssetServiceTest {

    private static final TenantId A = new TenantId("ta");
    private static final TenantId B = new TenantId("tb");
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private AssetService service(TestDatabase db, AuditLog audit) {
        return new AssetService(
                new AssetRepository(db.jdbc(), new JdbcTemplate(db.dataSource())),
                audit,
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                clock,
                AssetProperties.defaults());
    }

    private static Actor actor(Role role, TenantId tenant) {
        return new Actor(
                Actor.Kind.USER,
                "u-" + role,
                role.name().toLowerCase(java.util.Locale.ROOT),
                role,
                role.providerSide() ? null : tenant,
                TenantScope.only(Set.of(tenant)));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldKeepAnAssetRecordFromAgentBatches(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            AssetService s = service(db, new AuditLog(db.jdbc()));
            List<CanonicalEvent> batch =
                    FleetEvents.agentBatch(A, "LNX-01", "Linux", "6.8.0", T0.minusSeconds(5), "id", "uname -a");
            assertThat(s.observe(batch)).isEqualTo(1);

            Asset a = s.find(actor(Role.SOC_ANALYST, A), A, "lnx-01");
            assertThat(a.source()).isEqualTo(AssetSource.AGENT);
            assertThat(a.hostName()).isEqualTo("lnx-01");
            assertThat(a.os()).isEqualTo("linux");
            assertThat(a.product()).isEqualTo("Vigil Agent 0.3.1");
            assertThat(a.criticality()).isEqualTo(Criticality.NORMAL);
            assertThat(a.firstSeen()).isEqualTo(T0.minusSeconds(5));
            assertThat(a.lastSeen()).isEqualTo(T0.minusSeconds(5));

            // Shipper events of the same host later (e.g. its Windows-forwarded logs) do not demote it.
            clock.advance(Duration.ofMinutes(5));
            s.observe(List.of(FleetEvents.process(A, "lnx-01", clock.instant(), "/usr/bin/id", "id", null)));
            Asset later = s.find(actor(Role.SOC_ANALYST, A), A, "lnx-01");
            assertThat(later.source()).isEqualTo(AssetSource.AGENT);
            assertThat(later.product()).isEqualTo("Vigil Agent 0.3.1");
            assertThat(later.hostName()).isEqualTo("LNX-01.corp.example");
            assertThat(later.lastSeen()).isEqualTo(clock.instant());
            assertThat(later.firstSeen()).isEqualTo(T0.minusSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldKeepAnAssetRecordFromShipperEventsAndWriteOnlyWhatChanged(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            AssetService s = service(db, new AuditLog(db.jdbc()));
            List<CanonicalEvent> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(FleetEvents.process(A, "ws01", T0.minusSeconds(50 - i), "C:\\x.exe", "x " + i, null));
                batch.add(FleetEvents.process(A, "ws02", T0.minusSeconds(50 - i), "C:\\x.exe", "x " + i, null));
            }
            assertThat(s.observe(batch))
                    .as("one write per asset, not per event")
                    .isEqualTo(2);
            Asset ws01 = s.find(actor(Role.TENANT_VIEWER, A), A, "ws01");
            assertThat(ws01.source()).isEqualTo(AssetSource.SHIPPER);
            assertThat(ws01.os()).isEqualTo("windows");
            assertThat(ws01.hostName()).isEqualTo("WS01.corp.example");
            assertThat(ws01.firstSeen()).isEqualTo(T0.minusSeconds(50));
            assertThat(ws01.lastSeen()).isEqualTo(T0.minusSeconds(1));

            assertThat(s.observe(batch)).as("redelivery changes nothing").isZero();
            clock.advance(Duration.ofSeconds(30));
            assertThat(s.observe(List.of(FleetEvents.process(A, "ws01", clock.instant(), "C:\\x.exe", "y", null))))
                    .as("last seen moved by under a minute")
                    .isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(s.observe(List.of(FleetEvents.process(A, "ws01", clock.instant(), "C:\\x.exe", "y", null))))
                    .isEqualTo(1);
            assertThat(s.find(actor(Role.TENANT_VIEWER, A), A, "ws01").lastSeen())
                    .isEqualTo(clock.instant());

            // The same host name in tenant B is B's asset.
            s.observe(List.of(FleetEvents.process(B, "ws01", clock.instant(), "C:\\x.exe", "y", null)));
            assertThat(s.list(actor(Role.SOC_ANALYST, A), A, 10, null).assets())
                    .extracting(Asset::id)
                    .containsExactly("ws01", "ws02");
            assertThat(s.list(actor(Role.SOC_ANALYST, B), B, 10, null).assets())
                    .extracting(Asset::tenant)
                    .containsExactly(B);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldAuditCriticalityChangesAndKeepThemAgainstTelemetry(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            AuditLog audit = new AuditLog(db.jdbc());
            AssetService s = service(db, audit);
            s.observe(List.of(FleetEvents.process(A, "dc01", T0, "C:\\x.exe", "x", null)));

            Asset high = s.setCriticality(actor(Role.SOC_ANALYST, A), A, "dc01", Criticality.CRITICAL, "10.0.0.9");
            assertThat(high.criticality()).isEqualTo(Criticality.CRITICAL);
            List<AuditEntry> entries = audit.newest(TenantScope.of(A), 10, 0);
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("asset.criticality_changed");
                assertThat(e.target()).isEqualTo("dc01");
                assertThat(e.detail()).isEqualTo("NORMAL -> CRITICAL");
                assertThat(e.actor()).isEqualTo("soc_analyst");
                assertThat(e.remoteAddress()).isEqualTo("10.0.0.9");
            });
            s.setCriticality(actor(Role.TENANT_ADMIN, A), A, "dc01", Criticality.HIGH, "10.0.0.8");
            assertThat(audit.newest(TenantScope.of(A), 10, 0)).hasSize(2);

            clock.advance(Duration.ofMinutes(10));
            s.observe(List.of(FleetEvents.process(A, "dc01", clock.instant(), "C:\\x.exe", "x", null)));
            assertThat(s.find(actor(Role.SOC_ANALYST, A), A, "dc01").criticality())
                    .as("telemetry never resets criticality")
                    .isEqualTo(Criticality.HIGH);

            assertThatThrownBy(() -> s.setCriticality(actor(Role.TENANT_VIEWER, A), A, "dc01", Criticality.LOW, ""))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> s.setCriticality(actor(Role.SOC_ANALYST, B), A, "dc01", Criticality.LOW, ""))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> s.setCriticality(actor(Role.SOC_ANALYST, A), A, "nope", Criticality.LOW, ""))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> Criticality.parse("criticality", "urgent"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("LOW, NORMAL, HIGH, CRITICAL");
            assertThat(audit.newest(TenantScope.of(A), 10, 0)).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldPageAssetsAndSurviveHostileNames(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            AssetService s = service(db, new AuditLog(db.jdbc()));
            List<CanonicalEvent> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(FleetEvents.process(A, "host-" + i, T0, "C:\\x.exe", "x", null));
            }
            String hostile = "h\u0000\uD800" + "é".repeat(1000);
            batch.add(FleetEvents.process(A, hostile, T0, "C:\\x.exe", "x", null));
            s.observe(batch);
            Actor soc = actor(Role.SOC_ANALYST, A);
            AssetPage first = s.list(soc, A, 4, null);
            assertThat(first.assets()).extracting(Asset::id).containsExactly("host-0", "host-1", "host-2", "host-3");
            AssetPage second = s.list(soc, A, 4, first.nextCursor());
            assertThat(second.assets()).hasSize(2);
            assertThat(second.nextCursor()).isNull();
            Asset odd = second.assets().get(1);
            assertThat(odd.id()).hasSize(AssetSighting.MAX_NAME + 1).startsWith("h\uFFFD\uFFFDé");
            assertThatThrownBy(() -> s.list(soc, A, 1001, null)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> s.list(soc, A, 10, "***")).isInstanceOf(ValidationException.class);
        }
    }
}
