package io.vigil.server.incident;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The SLA clock of one incident at one moment. A service incident's clock runs from first
 * detection until it is published (the customer is notified); a customer-created incident's clock
 * runs from its creation until the SOC's first comment.
 *
 * @param kind which clock
 * @param target the allowed time for the incident's priority
 * @param startedAt when the clock started
 * @param dueAt {@code startedAt + target}
 * @param stoppedAt when the clock stopped ({@code null} while running)
 * @param state where it stands
 * @param remaining time left until due (negative: overdue by that much); for a stopped clock, the
 *     margin it stopped with
 */
public record SlaClock(
        Kind kind,
        Duration target,
        Instant startedAt,
        Instant dueAt,
        @Nullable Instant stoppedAt,
        State state,
        Duration remaining) {

    /** Which event stops the clock. */
    public enum Kind {
        /** First detection → publish. */
        NOTIFICATION,
        /** Customer creation → first SOC comment. */
        FIRST_ANSWER
    }

    /** Where a clock stands. */
    public enum State {
        /** Running, less than the warning share of the target used. */
        RUNNING,
        /** Running, at or past the warning share (75% by default): act now. */
        WARNING,
        /** Running past its due time. */
        OVERDUE,
        /** Stopped in time. */
        MET,
        /** Stopped late. */
        BREACHED,
        /** Closed or resolved without the event that stops it (e.g. a false positive never published): not counted. */
        CANCELLED
    }

    /** Whether the clock is still running. */
    public boolean running() {
        return stoppedAt == null && state != State.CANCELLED;
    }

    /**
     * The clock of {@code incident} at {@code now}.
     *
     * @param warnAt the share of the target (0 to 1) from which a running clock is {@link State#WARNING}
     */
    public static SlaClock of(Incident incident, SlaTargets targets, double warnAt, Instant now) {
        Duration target = targets.of(incident.priority());
        boolean customer = incident.origin() == Origin.CUSTOMER;
        Kind kind = customer ? Kind.FIRST_ANSWER : Kind.NOTIFICATION;
        Instant start = customer ? incident.creationTime() : incident.firstDetectedAt();
        Instant stop = customer ? incident.firstAnswerAt() : incident.publishedAt();
        Instant due = start.plus(target);
        if (stop != null) {
            return new SlaClock(
                    kind,
                    target,
                    start,
                    due,
                    stop,
                    stop.isAfter(due) ? State.BREACHED : State.MET,
                    Duration.between(stop, due));
        }
        if (incident.status() == Status.CLOSED || incident.status() == Status.RESOLVED) {
            return new SlaClock(kind, target, start, due, null, State.CANCELLED, Duration.ZERO);
        }
        Duration remaining = Duration.between(now, due);
        State state;
        if (now.isAfter(due)) {
            state = State.OVERDUE;
        } else if (Duration.between(start, now).toMillis() >= (long) (target.toMillis() * warnAt)) {
            state = State.WARNING;
        } else {
            state = State.RUNNING;
        }
        return new SlaClock(kind, target, start, due, null, state, remaining);
    }
}
