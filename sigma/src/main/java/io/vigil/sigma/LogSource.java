package io.vigil.sigma;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@code logsource}: for a rule, which events it is written for; for an event, what the event
 * declares about itself (see {@link SigmaEvent#logSource()}). A part that is {@code null} is not
 * named.
 *
 * @param product e.g. {@code windows}
 * @param category e.g. {@code process_creation}
 * @param service e.g. {@code security}
 */
public record LogSource(
        @Nullable String product,
        @Nullable String category,
        @Nullable String service) {
    /** Names nothing: a rule with it applies to every event; an event with it declares nothing. */
    public static final LogSource NONE = new LogSource(null, null, null);

    public LogSource {
        product = normalise(product);
        category = normalise(category);
        service = normalise(service);
    }

    /** Whether product, category and service are all unnamed. */
    public boolean isNone() {
        return product == null && category == null && service == null;
    }

    /**
     * Whether an event that declares {@code declared} has every part this log source names (a
     * part this log source leaves unnamed accepts anything).
     */
    public boolean isDeclaredBy(LogSource declared) {
        return (product == null || product.equals(declared.product))
                && (category == null || category.equals(declared.category))
                && (service == null || service.equals(declared.service));
    }

    private static @Nullable String normalise(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return (product == null ? "*" : product) + "/" + (category == null ? "*" : category) + "/"
                + (service == null ? "*" : service);
    }
}
