package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaClockTest {

    private static final TenantId T = new TenantId("t1");
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final SlaTargets TARGETS =
            new SlaTargets(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24));

    private static Incident service(Priority p, Instant detected, Instant published) {
        return IncidentFixtures.incident(T, 1, Origin.SERVICE, p, Status.OPEN, detected, detected, published, null);
    }

    @Test
    void shouldRunWarnAndGoOverdueAlongTheTargetOfAHighIncident() {
        Incident i = IncidentFixtures.incident(T, 1, Origin.SERVICE, Priority.HIGH, Status.OPEN, T0, T0, null, null);
        SlaClock early = SlaClock.of(i, TARGETS, 0.75, T0.plus(Duration.ofMinutes(44)));
        assertThat(early.state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(early.remaining()).isEqualTo(Duration.ofMinutes(16));
        assertThat(early.dueAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(SlaClock.of(i, TARGETS, 0.75, T0.plus(Duration.ofMinutes(45)))
                        .state())
                .isEqualTo(SlaClock.State.WARNING);
        SlaClock late = SlaClock.of(i, TARGETS, 0.75, T0.plus(Duration.ofMinutes(70)));
        assertThat(late.state()).isEqualTo(SlaClock.State.OVERDUE);
        assertThat(late.remaining()).isEqualTo(Duration.ofMinutes(-10));
    }

    @Test
    void shouldStopAtPublishingAndSayWhetherItWasInTime() {
        Instant now = T0.plus(Duration.ofDays(3));
        assertThat(SlaClock.of(service(Priority.NORMAL, T0, T0.plus(Duration.ofHours(4))), TARGETS, 0.75, now)
                        .state())
                .isEqualTo(SlaClock.State.MET);
        SlaClock breached =
                SlaClock.of(service(Priority.NORMAL, T0, T0.plus(Duration.ofMinutes(241))), TARGETS, 0.75, now);
        assertThat(breached.state()).isEqualTo(SlaClock.State.BREACHED);
        assertThat(breached.remaining()).isEqualTo(Duration.ofMinutes(-1));
        assertThat(breached.running()).isFalse();
    }

    @Test
    void shouldTimeCustomerIncidentsToTheFirstSocAnswer() {
        Incident waiting =
                IncidentFixtures.incident(T, 2, Origin.CUSTOMER, Priority.LOW, Status.OPEN, T0, T0, null, null);
        SlaClock c = SlaClock.of(waiting, TARGETS, 0.75, T0.plus(Duration.ofHours(19)));
        assertThat(c.kind()).isEqualTo(SlaClock.Kind.FIRST_ANSWER);
        assertThat(c.state()).isEqualTo(SlaClock.State.WARNING);
        Incident answered = IncidentFixtures.incident(
                T, 2, Origin.CUSTOMER, Priority.LOW, Status.OPEN, T0, T0, null, T0.plus(Duration.ofHours(2)));
        assertThat(SlaClock.of(answered, TARGETS, 0.75, T0.plus(Duration.ofDays(9)))
                        .state())
                .isEqualTo(SlaClock.State.MET);
    }

    @Test
    void shouldNotCountAFalsePositiveClosedWithoutPublishing() {
        Incident closed =
                IncidentFixtures.incident(T, 3, Origin.SERVICE, Priority.HIGH, Status.CLOSED, T0, T0, null, null);
        assertThat(SlaClock.of(closed, TARGETS, 0.75, T0.plus(Duration.ofDays(1)))
                        .state())
                .isEqualTo(SlaClock.State.CANCELLED);
    }

    @Test
    void shouldReportComplianceAndMeanTimesPerPriority() {
        Instant now = T0.plus(Duration.ofDays(2));
        List<Incident> incidents = List.of(
                service(Priority.HIGH, T0, T0.plus(Duration.ofMinutes(30))),
                service(Priority.HIGH, T0, T0.plus(Duration.ofMinutes(50))),
                service(Priority.HIGH, T0, T0.plus(Duration.ofMinutes(70))),
                IncidentFixtures.incident(T, 9, Origin.SERVICE, Priority.HIGH, Status.OPEN, T0, T0, null, null),
                service(Priority.LOW, T0, T0.plus(Duration.ofHours(2))));
        SlaReport r = SlaReport.of(T0, now, incidents, TARGETS, 0.75, now);
        SlaReport.Row high = r.byPriority().get(0);
        assertThat(high.priority()).isEqualTo(Priority.HIGH);
        assertThat(high.incidents()).isEqualTo(4);
        assertThat(high.met()).isEqualTo(2);
        assertThat(high.breached()).isEqualTo(2); // one late, one still open past due
        assertThat(high.compliancePercent()).isEqualTo(50.0);
        assertThat(high.meanTimeToNotify()).isEqualTo(Duration.ofMinutes(50));
        assertThat(high.meanTimeToDetect()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.byPriority().get(1).compliancePercent()).isNull();
        assertThat(r.byPriority().get(2).compliancePercent()).isEqualTo(100.0);
        assertThat(r.all().incidents()).isEqualTo(5);
        assertThat(r.all().compliancePercent()).isEqualTo(60.0);
    }
}
