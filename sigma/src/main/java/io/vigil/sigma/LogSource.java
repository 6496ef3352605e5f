package io.vigil.sigma;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code logsource}: which events it is written for.
 *
 * @param product e.g. {@code windows}
 * @param category e.g. {@code process_creation}
 * @param service e.g. {@code security}
 */
public record LogSource(
        @Nullable String product,
        @Nullable String category,
        @Nullable String service) {
    public LogSource {
        product = normalise(product);
        category = normalise(category);
        service = normalise(service);
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
