package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Decides which rules to test for an event. Rules are routed by their log source conditions
 * (e.g. Channel and EventID); inside a route, each rule needs one of its witnesses (see
 * {@link Witnesses}) to be found by a per-field exact-value map or Aho–Corasick automaton before
 * it is evaluated. Rules without a witness are always evaluated. Results are reported in rule
 * order, exactly as evaluating every rule would.
 */
public final class RuleIndex {
    private final List<CompiledRule> rules;
    private final List<Route> routes;
    private final Bucket unrouted;

    /** A rule under one log source variant. */
    record Entry(int rule, CompiledRule.@org.jspecify.annotations.Nullable Variant variant, FieldNames names) {}

    /** Variants conditioning on the same fields: a map from their folded values to buckets. */
    record Route(List<String> fields, Map<String, Bucket> buckets) {}

    private RuleIndex(List<CompiledRule> rules, List<Route> routes, Bucket unrouted) {
        this.rules = rules;
        this.routes = routes;
        this.unrouted = unrouted;
    }

    public static RuleIndex build(List<CompiledRule> rules) {
        Map<List<String>, Map<String, List<Entry>>> routed = new HashMap<>();
        List<Entry> unroutedEntries = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule rule = rules.get(i);
            if (rule.variants().isEmpty()) {
                unroutedEntries.add(new Entry(i, null, FieldNames.IDENTITY));
                continue;
            }
            for (CompiledRule.Variant v : rule.variants()) {
                List<String> fields = new ArrayList<>(new TreeSet<>(v.fields()));
                Map<String, List<Entry>> byKey = routed.computeIfAbsent(fields, k -> new HashMap<>());
                for (String key : keys(fields, v)) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Entry(i, v, v.names()));
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        routed.forEach((fields, byKey) -> {
            Map<String, Bucket> buckets = new HashMap<>();
            byKey.forEach((key, entries) -> buckets.put(key, Bucket.build(entries, rules)));
            routes.add(new Route(List.copyOf(fields), buckets));
        });
        return new RuleIndex(List.copyOf(rules), List.copyOf(routes), Bucket.build(unroutedEntries, rules));
    }

    /** Every combination of accepted values, folded and joined like {@link #key}. */
    private static List<String> keys(List<String> sortedFields, CompiledRule.Variant v) {
        List<String> keys = List.of("");
        for (String field : sortedFields) {
            List<String> accepted = v.accepted().get(v.fields().indexOf(field));
            List<String> next = new ArrayList<>();
            for (String prefix : keys) {
                for (String value : accepted) {
                    next.add(prefix + Fold.fold(value) + '\u0000');
                }
            }
            keys = next;
        }
        return keys;
    }

    private static String key(List<String> fields, SigmaEvent event) {
        StringBuilder sb = new StringBuilder(32);
        for (String field : fields) {
            Object value = event.get(field);
            if (value == null) {
                return "";
            }
            String folded = event instanceof FoldCache cache
                    ? cache.folded(field, value) // folded once per event, shared with the rules
                    : Fold.fold(Values.text(value));
            sb.append(folded).append('\u0000');
        }
        return sb.toString();
    }

    /** Calls {@code onMatch} for every rule that matches the event, in rule order. */
    public void forEachMatch(SigmaEvent original, Consumer<CompiledRule> onMatch) {
        SigmaEvent event = new FoldCache(original);
        long[] matched = new long[(rules.size() + 63) >>> 6];
        for (Route route : routes) {
            Bucket bucket = route.buckets().get(key(route.fields(), event));
            if (bucket != null) {
                bucket.evaluate(event, rules, matched);
            }
        }
        unrouted.evaluate(event, rules, matched);
        for (int w = 0; w < matched.length; w++) {
            for (long bits = matched[w]; bits != 0; bits &= bits - 1) {
                onMatch.accept(rules.get((w << 6) + Long.numberOfTrailingZeros(bits)));
            }
        }
    }

    /** For tests and tuning: the indexes of the rules that would be evaluated for the event. */
    public int[] candidates(SigmaEvent event) {
        SigmaEvent cached = new FoldCache(event);
        java.util.stream.IntStream all = java.util.Arrays.stream(unrouted.candidates(cached));
        for (Route route : routes) {
            Bucket bucket = route.buckets().get(key(route.fields(), cached));
            if (bucket != null) {
                all = java.util.stream.IntStream.concat(all, java.util.Arrays.stream(bucket.candidates(cached)));
            }
        }
        return all.toArray();
    }

    /** Statistics for tests and tuning: how many rules would be evaluated for the event. */
    public int candidateCount(SigmaEvent event) {
        int count = unrouted.candidates(event).length;
        for (Route route : routes) {
            Bucket bucket = route.buckets().get(key(route.fields(), event));
            if (bucket != null) {
                count += bucket.candidates(event).length;
            }
        }
        return count;
    }
}
