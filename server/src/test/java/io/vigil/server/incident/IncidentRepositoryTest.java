package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/** Incidents, history, comments and attachments on both databases. */
class IncidentRepositoryTest {

    private static final TenantId A = new TenantId("ta");
    private static final TenantId B = new TenantId("tb");
    private static final TenantScope BOTH = TenantScope.only(java.util.Set.of(A, B));
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private record Repos(IncidentRepository incidents, HistoryRepository history, CommunicationRepository talk) {}

    private static Repos repos(TestDatabase db) {
        return new Repos(
                new IncidentRepository(db.jdbc(), JsonMapper.builder().build()),
                new HistoryRepository(db.jdbc()),
                new CommunicationRepository(db.jdbc()));
    }

    private static Incident stored(Repos r, TenantId tenant, Origin origin, Status status, Instant at) {
        long n = r.incidents().nextNumber(BOTH, tenant);
        Incident i = IncidentFixtures.incident(tenant, n, origin, Priority.HIGH, status, at, at, null, null);
        r.incidents().insert(BOTH, i);
        return i;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldNumberIncidentsPerTenantAndRoundTripEveryField(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            Repos r = repos(db);
            Incident a1 = stored(r, A, Origin.SERVICE, Status.OPEN, T0);
            Incident a2 = stored(r, A, Origin.SERVICE, Status.OPEN, T0);
            Incident b1 = stored(r, B, Origin.SERVICE, Status.OPEN, T0);
            assertThat(List.of(a1.number(), a2.number(), b1.number())).containsExactly(1L, 2L, 1L);

            IncidentRepository.Row row = r.incidents()
                    .find(TenantScope.of(A), A, a1.id(), "reader", false)
                    .orElseThrow();
            assertThat(row.incident()).isEqualTo(a1);
            assertThat(row.wasRead()).isFalse();
            r.incidents().markRead(TenantScope.of(A), A, a1.id(), "reader", a1.updateTime());
            assertThat(r.incidents()
                            .find(TenantScope.of(A), A, a1.id(), "reader", false)
                            .orElseThrow()
                            .wasRead())
                    .isTrue();

            Incident published = IncidentService.copy(
                    a1, T0.plusSeconds(60), Status.RESOLVED, Resolution.FALSE_POSITIVE, "done", T0.plusSeconds(60));
            assertThat(r.incidents().update(TenantScope.of(A), published)).isTrue();
            IncidentRepository.Row again = r.incidents()
                    .find(TenantScope.of(A), A, a1.id(), "reader", false)
                    .orElseThrow();
            assertThat(again.incident()).isEqualTo(published.withVersion(1));
            assertThat(again.wasRead()).as("changed after it was read").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldWriteAnIncidentOnlyOverTheVersionItWasReadAt(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            Repos r = repos(db);
            Incident read = stored(r, A, Origin.SERVICE, Status.OPEN, T0);
            Incident first = IncidentService.copy(read, T0.plusSeconds(1), Status.ON_HOLD, null, "first", null);
            Incident second = IncidentService.copy(read, T0.plusSeconds(2), Status.OPEN, null, "second", null);
            assertThat(r.incidents().update(TenantScope.of(A), first)).isTrue();
            assertThat(r.incidents().update(TenantScope.of(A), second))
                    .as("read at version 0, the row is at 1 now")
                    .isFalse();
            Incident now = r.incidents()
                    .find(TenantScope.of(A), A, read.id(), "x", false)
                    .orElseThrow()
                    .incident();
            assertThat(now.statusDescription()).isEqualTo("first");
            assertThat(now.version()).isEqualTo(1);
            assertThat(r.incidents().update(TenantScope.of(A), second.withVersion(1)))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldListCustomerRequestsAwaitingAnAnswerByTheirTenantsSlaDueTime(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            Repos r = repos(db);
            SlaTargets defaults = new SlaTargets(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24));
            Incident low = waiting(r, A, Priority.LOW, T0);
            Incident high = waiting(r, A, Priority.HIGH, T0.plusSeconds(600));
            Incident normalOfB = waiting(r, B, Priority.NORMAL, T0);
            Incident normalOfA = waiting(r, A, Priority.NORMAL, T0.plusSeconds(60));
            // B answers NORMAL within 30 minutes: due before A's HIGH (10 min + 1 h).
            r.incidents().saveSettings(BOTH, B, new IncidentSettings(null, Duration.ofMinutes(30), null, null));
            r.incidents()
                    .insert(
                            BOTH,
                            IncidentFixtures.incident(
                                    A,
                                    r.incidents().nextNumber(BOTH, A),
                                    Origin.CUSTOMER,
                                    Priority.HIGH,
                                    Status.OPEN,
                                    T0.minusSeconds(60),
                                    T0,
                                    null,
                                    T0.plusSeconds(5)));
            stored(r, A, Origin.CUSTOMER, Status.CLOSED, T0);
            stored(r, A, Origin.SERVICE, Status.OPEN, T0);

            assertThat(r.incidents().awaitingAnswer(BOTH, null, defaults, "x", 10, 0))
                    .extracting(row -> row.incident().id())
                    .containsExactly(normalOfB.id(), high.id(), normalOfA.id(), low.id());
            assertThat(r.incidents().countAwaitingAnswer(BOTH, null)).isEqualTo(4);
            assertThat(r.incidents().awaitingAnswer(BOTH, A, defaults, "x", 2, 1))
                    .extracting(row -> row.incident().id())
                    .containsExactly(normalOfA.id(), low.id());
            assertThat(r.incidents().countAwaitingAnswer(BOTH, A)).isEqualTo(3);
            assertThat(r.incidents().awaitingAnswer(TenantScope.of(B), null, defaults, "x", 10, 0))
                    .extracting(row -> row.incident().id())
                    .containsExactly(normalOfB.id());
            assertThat(r.incidents().awaitingAnswer(TenantScope.of(B), A, defaults, "x", 10, 0))
                    .as("a tenant outside the scope")
                    .isEmpty();
        }
    }

    private static Incident waiting(Repos r, TenantId tenant, Priority priority, Instant at) {
        long n = r.incidents().nextNumber(BOTH, tenant);
        Incident i = IncidentFixtures.incident(tenant, n, Origin.CUSTOMER, priority, Status.OPEN, at, at, null, null);
        r.incidents().insert(BOTH, i);
        return i;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldHideOtherTenantsAndUnpublishedServiceIncidentsFromCustomers(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            Repos r = repos(db);
            Incident hidden = stored(r, A, Origin.SERVICE, Status.OPEN, T0);
            Incident own = stored(r, A, Origin.CUSTOMER, Status.OPEN, T0);
            Incident ofB = stored(r, B, Origin.SERVICE, Status.OPEN, T0);
            assertThat(r.incidents().find(TenantScope.of(A), A, hidden.id(), "x", true))
                    .isEmpty();
            assertThat(r.incidents().find(TenantScope.of(A), A, own.id(), "x", true))
                    .isPresent();
            assertThat(r.incidents().find(TenantScope.of(A), B, ofB.id(), "x", false))
                    .as("tenant B outside the scope")
                    .isEmpty();
            IncidentQuery all = new IncidentQuery(A, List.of(), List.of(), null, null, null, null, 0, 50);
            assertThat(r.incidents().list(TenantScope.of(A), all, "x", true))
                    .extracting(row -> row.incident().id())
                    .containsExactly(own.id());
            assertThat(r.incidents().list(TenantScope.of(A), all, "x", false)).hasSize(2);
            IncidentQuery search = new IncidentQuery(A, List.of(), List.of(), null, "100%_\\", null, null, 0, 50);
            assertThat(r.incidents().list(TenantScope.of(A), search, "x", false))
                    .isEmpty();
            IncidentQuery byNumber =
                    new IncidentQuery(A, List.of(Status.OPEN), List.of(Priority.HIGH), null, "2", null, null, 0, 50);
            assertThat(r.incidents().list(TenantScope.of(A), byNumber, "x", false))
                    .extracting(row -> row.incident().number())
                    .containsExactly(2L);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldKeepHistoryInOrderAndAttachmentBytesExactly(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            Repos r = repos(db);
            Incident i = stored(r, A, Origin.SERVICE, Status.OPEN, T0);
            for (int n = 0; n < 30; n++) {
                r.history()
                        .append(
                                BOTH,
                                A,
                                i.id(),
                                T0,
                                "analyst",
                                "USER",
                                List.of(new HistoryRepository.Line(
                                        HistoryRecord.DETAILS, i.id(), "update", "summary", "v" + n, "v" + (n + 1))));
            }
            List<HistoryRecord> lines = r.history().list(TenantScope.of(A), A, i.id(), null, null);
            assertThat(lines).hasSize(30);
            for (int n = 0; n < 30; n++) {
                assertThat(lines.get(n).before()).isEqualTo("v" + n);
            }
            assertThat(r.history().list(TenantScope.of(B), A, i.id(), null, null))
                    .isEmpty();

            byte[] content = new byte[3 * 1024 * 1024 + 7];
            new Random(42).nextBytes(content);
            Attachment a = new Attachment(
                    "att-1",
                    i.id(),
                    T0,
                    "dump.bin",
                    content.length,
                    ConversationService.sha256(content),
                    "application/octet-stream",
                    "memory",
                    "analyst",
                    Origin.SERVICE);
            r.talk().insertAttachment(BOTH, A, a, "u1", content);
            Attachment.Content back =
                    r.talk().content(TenantScope.of(A), A, "att-1").orElseThrow();
            assertThat(back.bytes()).isEqualTo(content);
            assertThat(back.attachment()).isEqualTo(a);
            assertThat(ConversationService.sha256(back.bytes())).isEqualTo(a.sha256());
            assertThat(r.talk().content(TenantScope.of(B), A, "att-1")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldPurgeOnlyClosedIncidentsPastRetentionWithEverythingTheyHold(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            Repos r = repos(db);
            Incident old = stored(r, A, Origin.SERVICE, Status.CLOSED, T0);
            Incident oldButOpen = stored(r, A, Origin.SERVICE, Status.OPEN, T0);
            Incident recent = stored(r, A, Origin.SERVICE, Status.CLOSED, T0.plus(Duration.ofDays(400)));
            Incident otherTenant = stored(r, B, Origin.SERVICE, Status.CLOSED, T0);
            for (Incident i : List.of(old, oldButOpen, recent, otherTenant)) {
                r.history()
                        .append(
                                BOTH,
                                i.tenant(),
                                i.id(),
                                T0,
                                "a",
                                "USER",
                                List.of(new HistoryRepository.Line(
                                        HistoryRecord.DETAILS, i.id(), "create", "*", null, "x")));
                r.talk().insertComment(BOTH, i.tenant(), "c-" + i.id(), i.id(), T0, "a", "u1", Origin.SERVICE, "hi");
                r.talk()
                        .insertAttachment(
                                BOTH,
                                i.tenant(),
                                new Attachment(
                                        "a-" + i.id(),
                                        i.id(),
                                        T0,
                                        "f.txt",
                                        2,
                                        "00",
                                        "text/plain",
                                        "",
                                        "a",
                                        Origin.SERVICE),
                                "u1",
                                "hi".getBytes(StandardCharsets.UTF_8));
                r.incidents().markRead(BOTH, i.tenant(), i.id(), "u1", T0);
            }
            assertThat(r.incidents().tenantsWithClosed(new TenantScope.All()))
                    .extracting(IncidentRepository.ClosedTenant::tenant)
                    .containsExactlyInAnyOrder(A, B);

            int purged = r.incidents().purge(TenantScope.of(A), A, T0.plus(Duration.ofDays(365)));
            assertThat(purged).isEqualTo(1);
            assertThat(r.incidents().find(TenantScope.of(A), A, old.id(), "u1", false))
                    .isEmpty();
            assertThat(r.history().list(TenantScope.of(A), A, old.id(), null, null))
                    .isEmpty();
            assertThat(r.talk().comments(TenantScope.of(A), A, old.id(), "u1")).isEmpty();
            assertThat(r.talk().attachments(TenantScope.of(A), A, old.id())).isEmpty();
            assertThat(db.jdbc()
                            .sql("SELECT COUNT(*) FROM incident_comment_reads")
                            .query(Long.class)
                            .single())
                    .isEqualTo(3L);
            assertThat(db.jdbc()
                            .sql("SELECT COUNT(*) FROM incident_reads")
                            .query(Long.class)
                            .single())
                    .isEqualTo(3L);
            for (Incident kept : List.of(oldButOpen, recent, otherTenant)) {
                assertThat(r.incidents().find(BOTH, kept.tenant(), kept.id(), "u1", false))
                        .isPresent();
                assertThat(r.history().list(BOTH, kept.tenant(), kept.id(), null, null))
                        .hasSize(1);
                assertThat(r.talk().attachments(BOTH, kept.tenant(), kept.id())).hasSize(1);
            }
            assertThat(r.incidents().nextNumber(BOTH, A))
                    .as("numbers are never reused")
                    .isEqualTo(4L);
        }
    }
}
