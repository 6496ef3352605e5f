package io.vigil.sigma;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The engine's view of one event. Implementations adapt whatever event model the caller has.
 *
 * <p>Values are {@link String}, {@link Number}, {@link Boolean}, {@link java.util.List} of those
 * (a multi-valued field: any element may match) or {@code null}. A field that is present with a
 * {@code null} value is different from an absent field.
 */
public interface SigmaEvent {

    /** Whether the event has the field, even with a {@code null} value. */
    boolean has(String field);

    /** The field's value, or {@code null} when absent or null. */
    @Nullable
    Object get(String field);

    /** Visits every scalar value of the event (for keyword searches). */
    void forEachValue(Consumer<Object> visitor);

    /**
     * The log source the event declares it comes from: its product (e.g. {@code windows},
     * {@code zeek}), and its category and service when the source knows them. Rules are routed by it
     * (see {@link RuleSet}): a rule naming a product never matches an event declaring another
     * product, and a rule whose log source has no mapping only matches events that declare every
     * part it names. The default declares nothing, so that only mapped conditions (e.g. Windows
     * channel and event id) and rules without a log source can select the event.
     */
    default LogSource logSource() {
        return LogSource.NONE;
    }
}
