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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The IoC store on both databases: idempotent upsert, tenant scoping, expiry. */
class IocRepositoryTest {

    private static final TenantId A = new TenantId("ta");
    private static final TenantId B = new TenantId("tb");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private static IocRepository repository(TestDatabase db) {
        for (String t : new String[] {"ta", "tb"}) {
            db.jdbc()
                    .sql("INSERT INTO tenants (id, name, name_key, description, created_at) VALUES (?, ?, ?, '', 0)")
                    .params(t, t, t)
                    .update();
        }
        return new IocRepository(new JdbcTemplate(db.dataSource()));
    }

    private static IocRepository.Origin origin(@org.jspecify.annotations.Nullable TenantId tenant, String source) {
        return new IocRepository.Origin(tenant, null, source, "tester", 50, Duration.ofDays(30), Tlp.AMBER);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldUpdateLastSeenAndNeverDuplicateWhenTheSameIndicatorsAreImportedAgain(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            IocRepository repo = repository(db);
            List<Indicator> batch = List.of(
                    Indicator.of(IocType.DOMAIN, "Evil.Example.COM.", List.of("c2"), "first"),
                    Indicator.of(IocType.SHA256, "A".repeat(64), List.of(), "hash")
                            .withFirstSeen(T0.minus(Duration.ofDays(10))));
            IocRepository.Upserted first = repo.upsert(TenantScope.of(A), origin(A, "manual"), batch, T0);
            assertThat(first).isEqualTo(new IocRepository.Upserted(2, 0));

            Instant later = T0.plus(Duration.ofDays(2));
            IocRepository.Upserted second = repo.upsert(TenantScope.of(A), origin(A, "manual"), batch, later);
            assertThat(second).isEqualTo(new IocRepository.Upserted(0, 2));

            List<Ioc> stored = repo.search(TenantScope.of(A), IocQuery.all(100), later);
            assertThat(stored).hasSize(2);
            Ioc domain = stored.stream()
                    .filter(i -> i.type() == IocType.DOMAIN)
                    .findFirst()
                    .orElseThrow();
            assertThat(domain.value()).isEqualTo("evil.example.com");
            assertThat(domain.firstSeen()).isEqualTo(T0);
            assertThat(domain.lastSeen()).isEqualTo(later);
            assertThat(domain.expiresAt()).isEqualTo(later.plus(Duration.ofDays(30)));
            assertThat(domain.tags()).containsExactly("c2");
            assertThat(domain.tlp()).isEqualTo(Tlp.AMBER);
            assertThat(domain.tenant()).isEqualTo(A);
            Ioc hash = stored.stream()
                    .filter(i -> i.type() == IocType.SHA256)
                    .findFirst()
                    .orElseThrow();
            assertThat(hash.value()).isEqualTo("a".repeat(64));
            assertThat(hash.firstSeen()).isEqualTo(T0.minus(Duration.ofDays(10)));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldShowProviderWideIocsToEveryoneAndTenantIocsOnlyToTheirTenant(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            IocRepository repo = repository(db);
            repo.upsert(
                    TenantScope.all(),
                    new IocRepository.Origin(null, null, "feed", "feed:x", 70, null, Tlp.CLEAR),
                    List.of(Indicator.of(IocType.IPV4, "198.51.100.7", List.of(), "")),
                    T0);
            repo.upsert(
                    TenantScope.of(A),
                    origin(A, "manual"),
                    List.of(Indicator.of(IocType.DOMAIN, "a-only.example", List.of(), "")),
                    T0);
            repo.upsert(
                    TenantScope.of(B),
                    origin(B, "manual"),
                    List.of(Indicator.of(IocType.DOMAIN, "b-only.example", List.of(), "")),
                    T0);

            assertThat(repo.search(TenantScope.of(A), IocQuery.all(100), T0))
                    .extracting(Ioc::value)
                    .containsExactlyInAnyOrder("198.51.100.7", "a-only.example");
            assertThat(repo.search(TenantScope.only(java.util.Set.of()), IocQuery.all(100), T0))
                    .extracting(Ioc::value)
                    .containsExactly("198.51.100.7");
            assertThat(repo.search(TenantScope.all(), IocQuery.all(100), T0)).hasSize(3);
            assertThat(repo.search(TenantScope.all(), new IocQuery(null, true, null, null, null, false, 100, 0), T0))
                    .extracting(Ioc::value)
                    .containsExactly("198.51.100.7");
            assertThat(repo.search(
                            TenantScope.all(),
                            new IocQuery(null, false, IocType.DOMAIN, "B-ONLY.example.", null, false, 100, 0),
                            T0))
                    .extracting(Ioc::tenant)
                    .containsExactly(B);

            long idOfB = repo.search(TenantScope.of(B), new IocQuery(B, false, null, null, null, false, 10, 0), T0)
                    .getFirst()
                    .id();
            assertThat(repo.find(TenantScope.of(A), idOfB)).isEmpty();
            assertThat(repo.delete(TenantScope.of(A), A, idOfB)).isFalse();
            assertThatThrownBy(() -> repo.delete(TenantScope.of(A), B, idOfB))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> repo.upsert(
                            TenantScope.of(A),
                            new IocRepository.Origin(null, null, "x", "y", 1, null, Tlp.CLEAR),
                            List.of(),
                            T0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(repo.delete(TenantScope.of(B), B, idOfB)).isTrue();
            assertThat(repo.find(TenantScope.all(), idOfB)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldLeaveExpiredIocsOutOfSearchesAndTheMatcherFeed(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            IocRepository repo = repository(db);
            repo.upsert(
                    TenantScope.of(A),
                    origin(A, "manual"),
                    List.of(
                            Indicator.of(IocType.DOMAIN, "old.example", List.of(), "")
                                    .withValidUntil(T0.plusSeconds(60)),
                            Indicator.of(IocType.DOMAIN, "current.example", List.of(), "")),
                    T0);
            Instant later = T0.plus(Duration.ofHours(1));
            assertThat(repo.search(TenantScope.of(A), IocQuery.all(10), later))
                    .extracting(Ioc::value)
                    .containsExactly("current.example");
            assertThat(repo.search(
                            TenantScope.of(A), new IocQuery(null, false, null, "example", null, true, 10, 0), later))
                    .hasSize(2);
            List<String> active = new ArrayList<>();
            repo.forEachActive(later, i -> active.add(i.value()));
            assertThat(active).containsExactly("current.example");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldImportTenThousandIndicatorsInBatches(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            IocRepository repo = repository(db);
            List<Indicator> many = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                many.add(Indicator.of(IocType.DOMAIN, "host" + i + ".example.net", List.of(), ""));
            }
            assertThat(repo.upsert(TenantScope.all(), origin(null, "bulk"), many, T0))
                    .isEqualTo(new IocRepository.Upserted(10_000, 0));
            List<String> all = new ArrayList<>();
            repo.forEachActive(T0, i -> all.add(i.value()));
            assertThat(all).hasSize(10_000).doesNotHaveDuplicates();
        }
    }
}
