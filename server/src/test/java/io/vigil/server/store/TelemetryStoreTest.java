package io.vigil.server.store;

import static io.vigil.server.store.StoreFixture.ADMIN;
import static io.vigil.server.store.StoreFixture.sysmon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store against a real SQLite file and a real PostgreSQL schema. */
class TelemetryStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final TenantId A = new TenantId("tenant-A");
    private static final TenantId B = new TenantId("tenant-b");

    @TempDir
    Path dir;

    private static CanonicalEvent proc(TenantId t, String asset, Instant time, String commandLine) {
        return sysmon(
                t.value(),
                asset,
                time,
                1,
                Map.of("Image", "C:\\Windows\\System32\\cmd.exe", "CommandLine", commandLine, "User", "CORP\\alice"));
    }

    private static EventQuery around(TenantId t, Instant time) {
        return EventQuery.range(t, time.minus(Duration.ofDays(3)), time.plus(Duration.ofDays(3)), 100);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldStoreEachEventOnceWhenBatchesAreWrittenAgain(Dialect dialect) {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            List<CanonicalEvent> batch = List.of(
                    proc(A, "pc1", T0, "whoami"),
                    proc(A, "pc1", T0.plusSeconds(1), "ipconfig"),
                    proc(A, "pc1", T0.plus(Duration.ofDays(1)), "net user"));
            assertThat(f.store().write(batch)).isEqualTo(3);
            assertThat(f.store().write(batch)).isZero();
            List<CanonicalEvent> mixed = new ArrayList<>(batch);
            mixed.add(proc(A, "pc1", T0.plusSeconds(2), "hostname"));
            mixed.add(proc(A, "pc1", T0.plusSeconds(2), "hostname")); // the same event twice in one batch
            assertThat(f.store().write(mixed)).isEqualTo(1);

            assertThat(f.all(around(A, T0))).hasSize(4);
            assertThat(f.store().partitions(A.value()))
                    .extracting(Partition::rows)
                    .containsExactly(1L, 3L);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldNeverReturnAnotherTenantsEvents(Dialect dialect) {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            CanonicalEvent ofB = proc(B, "pc1", T0, "secret of b");
            f.store().write(List.of(proc(A, "pc1", T0, "whoami"), ofB, proc(B, "pc2", T0, "more of b")));

            assertThat(f.all(around(A, T0))).extracting(StoredEvent::tenant).containsExactly(A.value());
            assertThat(f.store().search(ADMIN, around(A, T0).withCursor(null)).events())
                    .noneMatch(e -> e.fields().containsValue("secret of b"));
            String idOfB = ofB.envelope().id().value();
            assertThatThrownBy(() -> f.store().find(ADMIN, A, idOfB)).isInstanceOf(NotFoundException.class);
            assertThat(f.store().find(ADMIN, B, idOfB).raw()).contains(idOfB);
            assertThatThrownBy(() -> f.store().search(StoreFixture.viewerOf(A.value()), around(B, T0)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> f.store().find(StoreFixture.viewerOf(A.value()), B, idOfB))
                    .isInstanceOf(NotFoundException.class);
            // tenant ids are case-sensitive: "TENANT-B" is another tenant, with no events
            assertThat(f.all(around(new TenantId("TENANT-B"), T0))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldPutEachTenantDayInItsOwnPartitionListedInTheCatalog(Dialect dialect) {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            List<CanonicalEvent> batch = new ArrayList<>();
            for (int day = 0; day < 3; day++) {
                for (int i = 0; i <= day; i++) {
                    batch.add(proc(A, "pc1", T0.plus(Duration.ofDays(day)).plusSeconds(i), "day " + day + " #" + i));
                }
            }
            batch.add(proc(B, "pc1", T0, "b"));
            assertThat(f.store().write(batch)).isEqualTo(7);

            List<Partition> ofA = f.store().partitions(A.value());
            assertThat(ofA)
                    .extracting(Partition::date)
                    .containsExactly(
                            LocalDate.parse("2026-11-22"),
                            LocalDate.parse("2026-11-21"),
                            LocalDate.parse("2026-11-20"));
            assertThat(ofA).extracting(Partition::rows).containsExactly(3L, 2L, 1L);
            assertThat(ofA).extracting(Partition::table).allMatch(t -> t.matches("ev_1_202611(20|21|22)"));
            List<Partition> ofB = f.store().partitions(B.value());
            assertThat(ofB).extracting(Partition::table).containsExactly("ev_2_20261120");
            for (Partition p : ofA) {
                assertThat(f.db().jdbc()
                                .sql("SELECT COUNT(*) FROM " + p.table())
                                .query(Long.class)
                                .single())
                        .as("rows in %s", p.table())
                        .isEqualTo(p.rows());
            }
            // a query over one day touches only that day's partition and finds its events
            assertThat(f.all(EventQuery.range(
                            A,
                            T0.plus(Duration.ofDays(1)),
                            T0.plus(Duration.ofDays(1).plusHours(1)),
                            10)))
                    .hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldFileEventsWithBogusClocksUnderTheirReceiveDayAndStillFindThemByEventTime(Dialect dialect) {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            Instant future = T0.plus(Duration.ofDays(400));
            Instant ancient = Instant.parse("1601-01-01T00:00:00Z");
            EventOrigin sysmon = new EventOrigin.Windows("Microsoft-Windows-Sysmon/Operational", "Sysmon", 1);
            f.store()
                    .write(List.of(
                            StoreFixture.event(
                                    A.value(), "pc1", future, T0, sysmon, "process_creation", Map.of("a", "1")),
                            StoreFixture.event(
                                    A.value(), "pc1", ancient, T0, sysmon, "process_creation", Map.of("a", "2")),
                            StoreFixture.event(
                                    A.value(),
                                    "pc1",
                                    T0.minus(Duration.ofDays(5)),
                                    T0,
                                    sysmon,
                                    "process_creation",
                                    Map.of("a", "3"))));
            assertThat(f.store().partitions(A.value()))
                    .extracting(Partition::date)
                    .containsExactly(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-15"));
            assertThat(f.all(EventQuery.range(A, future.minusSeconds(60), future.plusSeconds(60), 10)))
                    .extracting(e -> e.fields().get("a"))
                    .containsExactly("1");
            assertThat(f.all(EventQuery.range(A, ancient, ancient.plusSeconds(60), 10)))
                    .extracting(e -> e.fields().get("a"))
                    .containsExactly("2");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldMatchEveryOperatorIgnoringCaseAndFreeTextOverPathsCommandsAndNames(Dialect dialect) {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            f.store()
                    .write(List.of(
                            sysmon(
                                    A.value(),
                                    "pc1",
                                    T0,
                                    1,
                                    Map.of(
                                            "Image", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                            "CommandLine", "powershell -enc SQBFAFgA",
                                            "User", "CORP\\Alice")),
                            sysmon(
                                    A.value(),
                                    "pc1",
                                    T0.plusSeconds(1),
                                    11,
                                    Map.of(
                                            "Image", "C:\\Tools\\dropper.exe",
                                            "TargetFilename", "C:\\Users\\Public\\evil_50%.dll")),
                            sysmon(
                                    A.value(),
                                    "pc2",
                                    T0.plusSeconds(2),
                                    13,
                                    Map.of(
                                            "Image", "C:\\Windows\\regedit.exe",
                                            "TargetObject",
                                                    "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater")),
                            sysmon(
                                    A.value(),
                                    "pc2",
                                    T0.plusSeconds(3),
                                    22,
                                    Map.of(
                                            "Image", "C:\\Program Files\\Browser\\browser.exe",
                                            "QueryName", "c2.Example.org"))));

            assertThat(ids(f, where("Image", FieldPredicate.Op.EQUALS, "c:\\tools\\DROPPER.exe")))
                    .containsExactly("11");
            assertThat(ids(f, where("Image", FieldPredicate.Op.NOT_EQUALS, "C:\\Tools\\dropper.exe")))
                    .containsExactly("22", "13", "1");
            assertThat(ids(f, where("QueryName", FieldPredicate.Op.NOT_EQUALS, "c2.example.org")))
                    .as("events without the field count as not equal")
                    .containsExactly("13", "11", "1");
            assertThat(ids(f, where("CommandLine", FieldPredicate.Op.CONTAINS, "-ENC ")))
                    .containsExactly("1");
            assertThat(ids(f, where("TargetObject", FieldPredicate.Op.STARTS_WITH, "hklm\\software\\")))
                    .containsExactly("13");
            assertThat(ids(f, where("TargetFilename", FieldPredicate.Op.ENDS_WITH, "_50%.DLL")))
                    .containsExactly("11");
            assertThat(ids(f, where("TargetFilename", FieldPredicate.Op.ENDS_WITH, "_5%.dll")))
                    .as("LIKE wildcards in values match literally")
                    .isEmpty();
            assertThat(ids(f, where("QueryName", FieldPredicate.Op.EXISTS, null)))
                    .containsExactly("22");

            assertThat(ids(f, text("alice"))).containsExactly("1");
            assertThat(ids(f, text("\\currentversion\\run"))).containsExactly("13");
            assertThat(ids(f, text("EXAMPLE.ORG"))).containsExactly("22");
            assertThat(ids(f, text("evil_50"))).containsExactly("11");
            assertThat(ids(f, text("nothing like this"))).isEmpty();

            EventQuery byAssetAndCategory = new EventQuery(
                    A,
                    T0.minusSeconds(10),
                    T0.plusSeconds(10),
                    List.of("pc2"),
                    List.of(),
                    null,
                    List.of("dns_query"),
                    List.of("Microsoft-Windows-Sysmon/Operational"),
                    List.of(22),
                    10,
                    null);
            assertThat(f.all(byAssetAndCategory))
                    .extracting(StoredEvent::eventCode)
                    .containsExactly(22);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldRefuseHostileFieldNamesBeforeAnySql(Dialect dialect) {
        for (String hostile : List.of("x'); DROP TABLE store_partitions; --", "$.a\"", "", "1abc", "a b")) {
            assertThatThrownBy(() -> new FieldPredicate(hostile, FieldPredicate.Op.EQUALS, "v"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("where.field");
        }
        assertThatThrownBy(() -> FieldPredicate.Op.parse("like", "where[0].op"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("where[0].op");
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            f.store().write(List.of(proc(A, "pc1", T0, "whoami")));
            // A value full of SQL is only ever a bound parameter.
            assertThat(ids(f, where("CommandLine", FieldPredicate.Op.CONTAINS, "'); DROP TABLE store_partitions; --")))
                    .isEmpty();
            assertThat(f.store().partitions(A.value())).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldPageNewestFirstWithoutDuplicatesOrGaps(Dialect dialect) {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            List<CanonicalEvent> batch = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                // several events share a timestamp, and they span three days
                Instant t = T0.plus(Duration.ofHours(i / 5 * 1L)).plusMillis(i % 2);
                batch.add(proc(A, "pc" + (i % 3), t, "cmd " + i));
            }
            assertThat(f.store().write(batch)).isEqualTo(250);
            EventQuery q = EventQuery.range(A, T0, T0.plus(Duration.ofDays(5)), 37);
            List<StoredEvent> all = f.all(q);
            assertThat(all).hasSize(250);
            Set<String> ids = new HashSet<>();
            for (StoredEvent e : all) {
                assertThat(ids.add(e.eventId())).as("duplicate %s", e.eventId()).isTrue();
            }
            assertThat(all).isSortedAccordingTo(TelemetryStore.NEWEST_FIRST);
            EventPage first = f.store().search(ADMIN, q);
            assertThat(first.events()).hasSize(37);
            assertThat(first.nextCursor()).isNotNull();
            // new events arriving between pages do not shift the next page
            f.store().write(List.of(proc(A, "pc9", T0.plus(Duration.ofDays(4)), "late")));
            EventPage second = f.store().search(ADMIN, q.withCursor(first.nextCursor()));
            assertThat(second.events().getFirst()).isEqualTo(all.get(37));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldRefuseUnboundedOrMalformedQueriesNamingTheBadPart(Dialect dialect) {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            assertThatThrownBy(() -> f.store().search(ADMIN, EventQuery.range(A, T0, T0, 10)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("to: Must be after 'from'");
            assertThatThrownBy(() -> f.store().search(ADMIN, EventQuery.range(A, T0, T0.plus(Duration.ofDays(32)), 10)))
                    .hasMessageContaining("at most 31 days");
            assertThatThrownBy(() -> f.store().search(ADMIN, EventQuery.range(A, T0, T0.plusSeconds(1), 1001)))
                    .hasMessageContaining("limit: Must be between 1 and 1000");
            assertThatThrownBy(() -> f.store().search(ADMIN, EventQuery.range(A, T0, T0.plusSeconds(1), 0)))
                    .hasMessageContaining("limit");
            assertThatThrownBy(() -> f.store()
                            .search(
                                    ADMIN,
                                    EventQuery.range(A, T0, T0.plusSeconds(1), 10)
                                            .withCursor("bm90IGEgY3Vyc29y")))
                    .hasMessageContaining("cursor");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldDropExactlyTheDaysOlderThanEachTenantsRetention(Dialect dialect) {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            f.retention().put(A.value(), 2);
            Instant now = Instant.parse("2026-11-28T05:00:00Z");
            List<CanonicalEvent> batch = new ArrayList<>();
            for (int d = 0; d <= 5; d++) {
                Instant t = now.minus(Duration.ofDays(d));
                batch.add(StoreFixture.event(
                        A.value(),
                        "pc1",
                        t,
                        t,
                        new EventOrigin.Linux("auditd", "SYSCALL"),
                        "process_creation",
                        Map.of("day", "a" + d)));
                batch.add(StoreFixture.event(
                        B.value(),
                        "pc1",
                        t,
                        t,
                        new EventOrigin.Linux("auditd", "SYSCALL"),
                        "process_creation",
                        Map.of("day", "b" + d)));
            }
            f.store().write(batch);

            List<DroppedDay> dropped = f.store().purge(now);

            assertThat(dropped).extracting(DroppedDay::tenant).containsOnly(A.value());
            assertThat(dropped)
                    .extracting(DroppedDay::day)
                    .containsExactlyInAnyOrder(
                            LocalDate.parse("2026-11-25"),
                            LocalDate.parse("2026-11-24"),
                            LocalDate.parse("2026-11-23"));
            assertThat(dropped).extracting(DroppedDay::rows).containsOnly(1L);
            assertThat(f.store().partitions(A.value()))
                    .extracting(Partition::date)
                    .containsExactly(
                            LocalDate.parse("2026-11-28"),
                            LocalDate.parse("2026-11-27"),
                            LocalDate.parse("2026-11-26"));
            assertThat(f.store().partitions(B.value())).hasSize(6);
            EventQuery lastWeek = EventQuery.range(A, now.minus(Duration.ofDays(7)), now.plusSeconds(1), 100);
            assertThat(f.all(lastWeek)).extracting(e -> e.fields().get("day")).containsExactly("a0", "a1", "a2");
            assertThat(f.all(EventQuery.range(B, now.minus(Duration.ofDays(7)), now.plusSeconds(1), 100)))
                    .hasSize(6);
            assertThat(f.store().purge(now)).isEmpty();
        }
    }

    private static EventQuery where(
            String field, FieldPredicate.Op op, @org.jspecify.annotations.Nullable String value) {
        return new EventQuery(
                A,
                T0.minusSeconds(10),
                T0.plusSeconds(10),
                List.of(),
                List.of(new FieldPredicate(field, op, value)),
                null,
                List.of(),
                List.of(),
                List.of(),
                100,
                null);
    }

    private static EventQuery text(String text) {
        return new EventQuery(
                A,
                T0.minusSeconds(10),
                T0.plusSeconds(10),
                List.of(),
                List.of(),
                text,
                List.of(),
                List.of(),
                List.of(),
                100,
                null);
    }

    private static List<String> ids(StoreFixture f, EventQuery q) {
        return f.all(q).stream().map(e -> String.valueOf(e.eventCode())).toList();
    }
}
