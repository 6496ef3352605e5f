package io.vigil.server.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SLA compliance and response-time figures over the incidents first detected in a period.
 *
 * @param from period start (inclusive, on first detection)
 * @param to period end (exclusive)
 * @param targets the targets in force
 * @param byPriority one row per priority
 * @param all every priority together
 */
public record SlaReport(Instant from, Instant to, SlaTargets targets, List<Row> byPriority, Row all) {

    public SlaReport {
        byPriority = List.copyOf(byPriority);
    }

    /**
     * Figures for one priority (or all, {@code priority == null}).
     *
     * @param incidents incidents in the period
     * @param met clocks stopped in time
     * @param breached clocks stopped late, or still running past due
     * @param running clocks still running within their target
     * @param cancelled closed without the stopping event (not counted)
     * @param compliancePercent {@code met / (met + breached)} in percent; {@code null} when nothing is decided
     * @param meanTimeToDetect mean of first detection − first malicious activity (service incidents with alerts)
     * @param meanTimeToNotify mean of the clock's stop − its start, over stopped clocks
     * @param meanTimeToResolve mean of resolution (or closing) − first detection, over resolved incidents
     */
    public record Row(
            @Nullable Priority priority,
            int incidents,
            int met,
            int breached,
            int running,
            int cancelled,
            @Nullable Double compliancePercent,
            @Nullable Duration meanTimeToDetect,
            @Nullable Duration meanTimeToNotify,
            @Nullable Duration meanTimeToResolve) {}

    /** Computes the report over {@code incidents} (already limited to the period). */
    public static SlaReport of(
            Instant from, Instant to, List<Incident> incidents, SlaTargets targets, double warnAt, Instant now) {
        List<Row> rows = new ArrayList<>();
        for (Priority p : Priority.values()) {
            rows.add(row(p, incidents.stream().filter(i -> i.priority() == p).toList(), targets, warnAt, now));
        }
        return new SlaReport(from, to, targets, rows, row(null, incidents, targets, warnAt, now));
    }

    private static Row row(
            @Nullable Priority p, List<Incident> incidents, SlaTargets targets, double warnAt, Instant now) {
        int met = 0;
        int breached = 0;
        int running = 0;
        int cancelled = 0;
        Mean detect = new Mean();
        Mean notify = new Mean();
        Mean resolve = new Mean();
        for (Incident i : incidents) {
            SlaClock c = SlaClock.of(i, targets, warnAt, now);
            switch (c.state()) {
                case MET -> met++;
                case BREACHED, OVERDUE -> breached++;
                case RUNNING, WARNING -> running++;
                case CANCELLED -> cancelled++;
            }
            Instant stopped = c.stoppedAt();
            if (stopped != null) {
                notify.add(Duration.between(c.startedAt(), stopped));
            }
            Instant activity = i.firstActivityAt();
            if (activity != null) {
                detect.add(Duration.between(activity, i.firstDetectedAt()));
            }
            Instant done = i.resolvedAt() != null ? i.resolvedAt() : i.closedAt();
            if (done != null) {
                resolve.add(Duration.between(i.firstDetectedAt(), done));
            }
        }
        Double compliance = met + breached == 0 ? null : Math.round(1000.0 * met / (met + breached)) / 10.0;
        return new Row(
                p,
                incidents.size(),
                met,
                breached,
                running,
                cancelled,
                compliance,
                detect.value(),
                notify.value(),
                resolve.value());
    }

    private static final class Mean {
        private long totalMillis;
        private int count;

        void add(Duration d) {
            totalMillis += Math.max(0, d.toMillis());
            count++;
        }

        @Nullable
        Duration value() {
            return count == 0 ? null : Duration.ofMillis(totalMillis / count);
        }
    }
}
