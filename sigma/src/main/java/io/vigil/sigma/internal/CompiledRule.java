package io.vigil.sigma.internal;

import io.vigil.sigma.Evidence;
import io.vigil.sigma.LogSource;
import io.vigil.sigma.LogSourceVariant;
import io.vigil.sigma.Match;
import io.vigil.sigma.RuleMetadata;
import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A detection rule ready to match: its log source variants, its detection and the filters applied
 * to it as AND NOT.
 */
public record CompiledRule(
        RuleMetadata metadata, CompiledDetection detection, List<Variant> variants, List<CompiledDetection> filters) {

    public CompiledRule {
        variants = List.copyOf(variants);
        filters = List.copyOf(filters);
    }

    /** A log source variant: field conditions and renames. */
    public record Variant(List<String> fields, List<List<String>> accepted, FieldNames names) {
        public Variant {
            fields = List.copyOf(fields);
            accepted = accepted.stream().map(List::copyOf).toList();
        }

        public static Variant of(LogSourceVariant v) {
            List<String> fields = new ArrayList<>();
            List<List<String>> accepted = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : v.conditions().entrySet()) {
                fields.add(e.getKey());
                accepted.add(e.getValue());
            }
            return new Variant(fields, accepted, new FieldNames(v.fieldRenames()));
        }

        public boolean accepts(SigmaEvent event) {
            for (int i = 0; i < fields.size(); i++) {
                Object value = event.get(fields.get(i));
                if (value == null || !acceptsValue(accepted.get(i), Values.text(value))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean acceptsValue(List<String> values, String actual) {
            for (String v : values) {
                if (v.equalsIgnoreCase(actual)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The field names to use for this event, or {@code null} when it is outside the log source. An
     * event declaring another product is outside. Otherwise the first variant whose conditions the
     * event meets decides; failing that, the event is inside when it declares every part of the
     * rule's log source (then the rule's field names are used as they are).
     */
    public @Nullable FieldNames fieldNamesFor(SigmaEvent event) {
        LogSource declared = event.logSource();
        if (!admitsProduct(declared)) {
            return null;
        }
        for (Variant v : variants) {
            if (v.accepts(event)) {
                return v.names();
            }
        }
        return metadata.logSource().isDeclaredBy(declared) ? FieldNames.IDENTITY : null;
    }

    /** Whether an event declaring {@code declared} may come from the rule's product. */
    public boolean admitsProduct(LogSource declared) {
        String wanted = metadata.logSource().product();
        return wanted == null || declared.product() == null || wanted.equals(declared.product());
    }

    /** Log source, detection and filters: the complete decision. */
    public boolean matches(SigmaEvent event) {
        FieldNames names = fieldNamesFor(event);
        return names != null && matchesDetection(event, names);
    }

    /** Detection and filters, for an event already known to be in the log source. */
    public boolean matchesDetection(SigmaEvent event, FieldNames names) {
        if (!detection.matches(event, names)) {
            return false;
        }
        for (CompiledDetection f : filters) {
            if (f.matches(event, names)) {
                return false;
            }
        }
        return true;
    }

    /** The match with its evidence; call only when {@link #matches} is true. */
    public Match explain(SigmaEvent event) {
        FieldNames names = fieldNamesFor(event);
        List<Evidence> evidence = new ArrayList<>();
        detection.explain(event, names == null ? FieldNames.IDENTITY : names, evidence);
        return new Match(metadata, evidence);
    }
}
