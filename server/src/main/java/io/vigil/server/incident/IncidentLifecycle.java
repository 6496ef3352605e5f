package io.vigil.server.incident;

import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.ValidationException;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The incident state machine, plain Java.
 *
 * <pre>
 *   OPEN ⇄ ON_HOLD
 *   OPEN, ON_HOLD → RESOLVED (needs a resolution) → OPEN (reopen)
 *   OPEN, ON_HOLD, RESOLVED → CLOSED (needs a resolution; final)
 *   RESOLVED → CLOSED by itself after vigil.incident.auto-close-after
 * </pre>
 */
public final class IncidentLifecycle {

    private IncidentLifecycle() {}

    /** The states {@code from} may move to. */
    public static Set<Status> next(Status from) {
        return switch (from) {
            case OPEN -> EnumSet.of(Status.ON_HOLD, Status.RESOLVED, Status.CLOSED);
            case ON_HOLD -> EnumSet.of(Status.OPEN, Status.RESOLVED, Status.CLOSED);
            case RESOLVED -> EnumSet.of(Status.OPEN, Status.CLOSED);
            case CLOSED -> EnumSet.noneOf(Status.class);
        };
    }

    /**
     * Checks a transition and returns the resolution the incident has afterwards.
     *
     * @param current the resolution it has now (kept when closing a resolved incident)
     * @param given the resolution sent with the change, if any
     * @throws ConflictException (409) when the move is not allowed from {@code from}
     * @throws ValidationException (400) when a resolution is missing or sent where none belongs
     */
    public static @Nullable Resolution check(
            Status from, Status to, @Nullable Resolution current, @Nullable Resolution given) {
        if (from == to) {
            throw new ConflictException("The incident is already " + from.label() + ".");
        }
        if (!next(from).contains(to)) {
            throw new ConflictException("An incident cannot go from " + from.label() + " to " + to.label() + "; "
                    + (from == Status.CLOSED
                            ? "Closed is final: open a new incident instead."
                            : "from " + from.label() + " it can go to " + labels(next(from)) + "."));
        }
        return switch (to) {
            case RESOLVED, CLOSED -> {
                Resolution r = given != null ? given : current;
                if (r == null) {
                    throw new ValidationException(
                            "resolution", to.label() + " needs a resolution: TRUE_POSITIVE or FALSE_POSITIVE.");
                }
                yield r;
            }
            case OPEN, ON_HOLD -> {
                if (given != null) {
                    throw new ValidationException(
                            "resolution", "A resolution belongs to Resolved or Closed, not " + to.label() + ".");
                }
                yield null;
            }
        };
    }

    private static String labels(Set<Status> states) {
        return String.join(", ", states.stream().map(Status::label).toList());
    }
}
