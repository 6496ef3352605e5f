package io.vigil.server.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.springframework.jdbc.core.JdbcTemplate;

class FeedRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    static Feed feed(String id, FeedKind kind, String location) {
        return new Feed(
                id,
                "feed " + id,
                kind,
                location,
                kind == FeedKind.TAXII ? "collection-1" : null,
                Duration.ofHours(1),
                60,
                Duration.ofDays(7),
                Tlp.CLEAR,
                true,
                "admin",
                T0,
                null,
                null);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldKeepRunsAndShowTheLastOneWithItsErrors(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            FeedRepository feeds = new FeedRepository(new JdbcTemplate(db.dataSource()));
            feeds.insert(TenantScope.all(), feed("f1", FeedKind.URLHAUS, "https://example.org/csv"));
            assertThat(feeds.find("f1").orElseThrow().lastRun()).isNull();
            assertThat(feeds.find("f1").orElseThrow().dueAt(T0)).isTrue();

            feeds.recordRun(
                    TenantScope.all(),
                    "f1",
                    new FeedRun(T0, T0.plusSeconds(2), FeedRun.Status.OK, 10, 10, 0, 0, List.of()),
                    null);
            FeedRun failed = new FeedRun(
                    T0.plusSeconds(3600),
                    T0.plusSeconds(3601),
                    FeedRun.Status.FAILED,
                    0,
                    0,
                    0,
                    0,
                    List.of("https://example.org/csv: HTTP 503"));
            feeds.recordRun(TenantScope.all(), "f1", failed, "2026-11-01T00:00:00.000Z");

            Feed f = feeds.find("f1").orElseThrow();
            assertThat(f.lastRun()).isEqualTo(failed);
            assertThat(f.taxiiAddedAfter()).isEqualTo("2026-11-01T00:00:00.000Z");
            assertThat(f.dueAt(T0.plusSeconds(3700))).isFalse();
            assertThat(f.dueAt(T0.plusSeconds(7200))).isTrue();
            assertThat(feeds.runs("f1", 10))
                    .extracting(FeedRun::status)
                    .containsExactly(FeedRun.Status.FAILED, FeedRun.Status.OK);
            assertThat(feeds.list()).extracting(Feed::id).containsExactly("f1");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldRefuseFeedWritesOutsideTheProviderWideScopeAndDeleteAFeedWithItsIocs(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            JdbcTemplate t = new JdbcTemplate(db.dataSource());
            FeedRepository feeds = new FeedRepository(t);
            IocRepository iocs = new IocRepository(t);
            TenantScope tenant = TenantScope.of(new TenantId("ta"));
            assertThatThrownBy(() -> feeds.insert(tenant, feed("f2", FeedKind.STIX, "/tmp/x.json")))
                    .isInstanceOf(IllegalArgumentException.class);
            feeds.insert(TenantScope.all(), feed("f2", FeedKind.STIX, "/tmp/x.json"));
            iocs.upsert(
                    TenantScope.all(),
                    new IocRepository.Origin(null, "f2", "feed f2", "feed:f2", 60, null, Tlp.CLEAR),
                    List.of(Indicator.of(IocType.DOMAIN, "evil.example", List.of(), "")),
                    T0);
            assertThat(iocs.countOfFeed("f2")).isEqualTo(1);
            assertThatThrownBy(() -> feeds.delete(tenant, "f2")).isInstanceOf(IllegalArgumentException.class);
            assertThat(feeds.delete(TenantScope.all(), "f2")).isTrue();
            assertThat(iocs.countOfFeed("f2")).isZero();
            assertThat(feeds.find("f2")).isEmpty();
        }
    }
}
