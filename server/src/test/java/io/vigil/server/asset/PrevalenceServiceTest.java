package io.vigil.server.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.Actor;
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

/**
 * Fleet prevalence on both databases: counts per distinct host, redelivery, ageing with the clock,
 * tenant isolation, hostile values, and the analysts' report.
 */
class PrevalenceServiceTest {

    private static final TenantId A = new TenantId("ta");
    private static final TenantId B = new TenantId("tb");
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
    private static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    private static final String SHA256 = "ab".repeat(32);
    private static final String MD5 = "CD".repeat(16);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private PrevalenceService service(TestDatabase db, AssetProperties properties) {
        return new PrevalenceService(
                new PrevalenceRepository(db.jdbc(), new JdbcTemplate(db.dataSource())),
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                clock,
                properties);
    }

    private static AssetProperties noCache() {
        AssetProperties d = AssetProperties.defaults();
        return new AssetProperties(
                d.lastSeenResolution(),
                d.prevalenceWindow(),
                d.prevalenceResolution(),
                d.firstSeenWindow(),
                d.ageingInterval(),
                0,
                d.maxValueLength());
    }

    private static PrevalenceValue value(PrevalenceKind kind, String v) {
        return java.util.Objects.requireNonNull(PrevalenceValue.of(kind, v), v);
    }

    private static long hosts(PrevalenceService s, TenantId tenant, PrevalenceKind kind, String v) {
        return s.count(tenant, value(kind, v)).map(PrevalenceCount::hosts).orElse(0L);
    }

    private static Actor soc(TenantId... tenants) {
        return new Actor(
                Actor.Kind.USER, "u-soc", "analyst", Role.SOC_ANALYST, null, TenantScope.only(Set.of(tenants)));
    }

    private List<CanonicalEvent> threeHosts(TenantId tenant) {
        return List.of(
                FleetEvents.process(tenant, "h1", T0.minusSeconds(60), CMD, "cmd.exe /c whoami", "SHA256=" + SHA256),
                FleetEvents.process(tenant, "h1", T0.minusSeconds(30), CMD, "cmd.exe /c dir", "SHA256=" + SHA256),
                FleetEvents.process(
                        tenant, "h2", T0.minusSeconds(20), "c:\\windows\\system32\\CMD.EXE", "cmd.exe /c dir", null),
                FleetEvents.process(
                        tenant,
                        "h3",
                        T0.minusSeconds(10),
                        CMD,
                        "cmd.exe /c ver",
                        "MD5=" + MD5 + ",SHA256=" + SHA256 + ",IMPHASH=" + "ee".repeat(16)));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldCountDistinctHostsPerImageHashAndCommandLine(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            PrevalenceService s = service(db, AssetProperties.defaults());
            s.record(threeHosts(A));

            assertThat(hosts(s, A, PrevalenceKind.IMAGE, CMD)).isEqualTo(3);
            assertThat(hosts(s, A, PrevalenceKind.IMAGE, CMD.toUpperCase(java.util.Locale.ROOT)))
                    .as("images are compared lower-cased")
                    .isEqualTo(3);
            assertThat(hosts(s, A, PrevalenceKind.HASH, SHA256)).isEqualTo(2);
            assertThat(hosts(s, A, PrevalenceKind.HASH, MD5.toLowerCase(java.util.Locale.ROOT)))
                    .isEqualTo(1);
            assertThat(hosts(s, A, PrevalenceKind.HASH, "ee".repeat(16)))
                    .as("IMPHASH is not a file hash")
                    .isZero();
            assertThat(hosts(s, A, PrevalenceKind.COMMAND_LINE, "cmd.exe /c dir"))
                    .isEqualTo(2);
            assertThat(hosts(s, A, PrevalenceKind.COMMAND_LINE, "cmd.exe /c whoami"))
                    .isEqualTo(1);
            PrevalenceCount image = s.count(A, value(PrevalenceKind.IMAGE, CMD)).orElseThrow();
            assertThat(image.firstSeen()).isEqualTo(T0.minusSeconds(60));
            assertThat(image.lastSeen()).isEqualTo(T0.minusSeconds(10));
            assertThat(image.value()).isEqualTo("c:\\windows\\system32\\cmd.exe");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldNotInflateCountsWhenTheSameBatchIsDeliveredAgain(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            // Without the write cache every sighting is written again: the database must absorb it.
            PrevalenceService uncached = service(db, noCache());
            List<CanonicalEvent> batch = threeHosts(A);
            assertThat(uncached.record(batch)).isPositive();
            assertThat(uncached.record(batch)).isPositive();
            // A restarted process (fresh cache) and one that remembers: the same counts.
            PrevalenceService cached = service(db, AssetProperties.defaults());
            cached.record(batch);
            assertThat(cached.record(batch))
                    .as("the second delivery writes nothing")
                    .isZero();
            assertThat(hosts(cached, A, PrevalenceKind.IMAGE, CMD)).isEqualTo(3);
            assertThat(hosts(cached, A, PrevalenceKind.HASH, SHA256)).isEqualTo(2);
            assertThat(hosts(cached, A, PrevalenceKind.COMMAND_LINE, "cmd.exe /c dir"))
                    .isEqualTo(2);
            assertThat(db.jdbc()
                            .sql("SELECT COUNT(*) FROM prevalence_sightings WHERE tenant_id = 'ta'")
                            .query(Long.class)
                            .single())
                    .as("image 3 + hashes 3 + command lines 4")
                    .isEqualTo(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldAgeSightingsOutAfterThirtyDays(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            PrevalenceService s = service(db, AssetProperties.defaults());
            s.record(threeHosts(A));
            clock.advance(Duration.ofDays(20));
            s.record(List.of(FleetEvents.process(A, "h2", clock.instant(), CMD, "cmd.exe /c dir", null)));
            clock.advance(Duration.ofDays(11)); // day 31: h1 and h3 last ran cmd.exe 31 days ago

            assertThat(hosts(s, A, PrevalenceKind.IMAGE, CMD))
                    .as("sightings outside the window no longer count, even before ageing")
                    .isEqualTo(1);
            assertThat(s.ageOut()).isPositive();
            PrevalenceCount image = s.count(A, value(PrevalenceKind.IMAGE, CMD)).orElseThrow();
            assertThat(image.hosts()).isEqualTo(1);
            assertThat(image.firstSeen())
                    .as("the fleet has run it since then without a 30-day gap")
                    .isEqualTo(T0.minusSeconds(60));
            assertThat(s.count(A, value(PrevalenceKind.COMMAND_LINE, "cmd.exe /c whoami")))
                    .isEmpty();
            assertThat(s.count(A, value(PrevalenceKind.HASH, SHA256))).isEmpty();

            clock.advance(Duration.ofDays(30));
            s.ageOut();
            assertThat(db.jdbc()
                            .sql("SELECT COUNT(*) FROM prevalence_sightings")
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(db.jdbc()
                            .sql("SELECT COUNT(*) FROM prevalence_values")
                            .query(Long.class)
                            .single())
                    .isZero();
            // A new sighting after ageing starts afresh, even with the write cache remembering the old one.
            s.record(List.of(FleetEvents.process(A, "h2", clock.instant(), CMD, "cmd.exe /c dir", null)));
            assertThat(s.count(A, value(PrevalenceKind.IMAGE, CMD))
                            .orElseThrow()
                            .firstSeen())
                    .isEqualTo(clock.instant());
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldCutFutureTimesToNowAndIgnoreEventsOlderThanTheWindow(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            PrevalenceService s = service(db, AssetProperties.defaults());
            s.record(List.of(
                    FleetEvents.process(A, "h1", T0.plus(Duration.ofDays(400)), "/tmp/future", "future", null),
                    FleetEvents.process(A, "h1", T0.minus(Duration.ofDays(31)), "/tmp/old", "old", null)));
            assertThat(s.count(A, value(PrevalenceKind.IMAGE, "/tmp/future"))
                            .orElseThrow()
                            .lastSeen())
                    .isEqualTo(T0);
            assertThat(s.count(A, value(PrevalenceKind.IMAGE, "/tmp/old"))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldNeverCountAnotherTenantsHosts(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            PrevalenceService s = service(db, AssetProperties.defaults());
            s.record(threeHosts(A));
            List<CanonicalEvent> ofB = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ofB.add(FleetEvents.process(B, "b" + i, T0, CMD, "cmd.exe /c dir", null));
            }
            ofB.add(FleetEvents.process(B, "h1", T0, "/tmp/only-in-b", "x", null));
            s.record(ofB);

            assertThat(hosts(s, A, PrevalenceKind.IMAGE, CMD)).isEqualTo(3);
            assertThat(hosts(s, B, PrevalenceKind.IMAGE, CMD)).isEqualTo(5);
            assertThat(s.count(A, value(PrevalenceKind.IMAGE, "/tmp/only-in-b")))
                    .isEmpty();
            // An analyst of A asking about B's value, or about B, learns nothing.
            assertThatThrownBy(() -> s.report(soc(A), A, PrevalenceKind.IMAGE, "/tmp/only-in-b", null, 10, null))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> s.report(soc(A), B, PrevalenceKind.IMAGE, CMD, null, 10, null))
                    .isInstanceOf(NotFoundException.class);
            assertThat(s.report(soc(A), A, PrevalenceKind.IMAGE, CMD, null, 10, null)
                            .assets())
                    .extracting(PrevalenceHost::asset)
                    .containsExactly("h1", "h2", "h3");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldStoreHugeAndOddUnicodeCommandLinesWithAnExactKeyAndAShortDisplay(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            PrevalenceService s = service(db, AssetProperties.defaults());
            String huge = "powershell -enc " + "QUJD".repeat(250_000); // 1 MB
            String hugeOther = huge + "X";
            String odd = "cmd /c echo \u0000nul \uD800lone \uDC00low 🛡️ مرحبا \u202Eevil\u202C";
            String oddImage = "C:\\Temp\\\u0000\uD83D.exe";
            s.record(List.of(
                    FleetEvents.process(A, "h1", T0, CMD, huge, null),
                    FleetEvents.process(A, "h2", T0, CMD, hugeOther, null),
                    FleetEvents.process(A, "h1", T0, oddImage, odd, "SHA256=" + "zz".repeat(32) + ",MD5=٣".repeat(3))));

            PrevalenceCount big =
                    s.count(A, value(PrevalenceKind.COMMAND_LINE, huge)).orElseThrow();
            assertThat(big.hosts())
                    .as("the key is over the whole value: a longer one is another value")
                    .isEqualTo(1);
            assertThat(big.value())
                    .hasSize(1025)
                    .startsWith("powershell -enc QUJD")
                    .endsWith("…");
            assertThat(big.key()).isEqualTo(Texts.key(huge));

            PrevalenceCount weird =
                    s.count(A, value(PrevalenceKind.COMMAND_LINE, odd)).orElseThrow();
            assertThat(weird.value())
                    .doesNotContain("\u0000")
                    .contains("\uFFFDnul", "\uFFFDlone", "\uFFFDlow", "🛡️", "مرحبا", "\u202Eevil");
            assertThat(s.count(A, value(PrevalenceKind.IMAGE, oddImage))
                            .orElseThrow()
                            .value())
                    .isEqualTo("c:\\temp\\\uFFFD\uFFFD.exe");
            assertThat(db.jdbc()
                            .sql("SELECT COUNT(*) FROM prevalence_values WHERE kind = 'HASH'")
                            .query(Long.class)
                            .single())
                    .as("neither non-hex nor non-ASCII digits are hashes")
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldReportHostsInPagesAndRefuseBadQueries(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            PrevalenceService s = service(db, AssetProperties.defaults());
            s.record(threeHosts(A));
            Actor soc = soc(A);
            PrevalenceReport first = s.report(soc, A, PrevalenceKind.IMAGE, CMD, null, 2, null);
            assertThat(first.prevalence().hosts()).isEqualTo(3);
            assertThat(first.assets()).extracting(PrevalenceHost::asset).containsExactly("h1", "h2");
            assertThat(first.nextCursor()).isNotNull();
            PrevalenceReport second = s.report(soc, A, PrevalenceKind.IMAGE, CMD, null, 2, first.nextCursor());
            assertThat(second.assets()).extracting(PrevalenceHost::asset).containsExactly("h3");
            assertThat(second.nextCursor()).isNull();
            PrevalenceReport byKey = s.report(
                    soc, A, PrevalenceKind.HASH, null, Texts.key(SHA256).toUpperCase(java.util.Locale.ROOT), 10, null);
            assertThat(byKey.prevalence().hosts()).isEqualTo(2);
            assertThat(byKey.assets().getFirst().firstSeen()).isEqualTo(T0.minusSeconds(60));
            assertThat(byKey.assets().getFirst().lastSeen()).isEqualTo(T0.minusSeconds(30));

            assertThatThrownBy(() -> s.report(soc, A, PrevalenceKind.HASH, "not-a-hash", null, 10, null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("MD5, SHA-1 or SHA-256");
            assertThatThrownBy(() -> s.report(soc, A, PrevalenceKind.IMAGE, CMD, Texts.key(CMD), 10, null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("not both");
            assertThatThrownBy(() -> s.report(soc, A, PrevalenceKind.IMAGE, null, "abc", 10, null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("64 hex digits");
            assertThatThrownBy(() -> s.report(soc, A, PrevalenceKind.IMAGE, "x".repeat(40_000), null, 10, null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("by its key");
            assertThatThrownBy(() -> s.report(soc, A, PrevalenceKind.IMAGE, CMD, null, 0, null))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> s.report(soc, A, PrevalenceKind.IMAGE, CMD, null, 10, "%%%"))
                    .isInstanceOf(ValidationException.class);
            Actor viewer = new Actor(Actor.Kind.USER, "u-v", "viewer", Role.TENANT_VIEWER, A, TenantScope.of(A));
            assertThatThrownBy(() -> s.report(viewer, A, PrevalenceKind.IMAGE, CMD, null, 10, null))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> PrevalenceKind.parse("kind", "imagez"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("image, hash, command_line");
        }
    }
}
