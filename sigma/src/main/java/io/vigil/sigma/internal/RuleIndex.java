package io.vigil.sigma.internal;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Decides which rules to test for an event. Rules are routed by log source, in three ways: by
 * their mapped conditions (e.g. Channel and EventID, for rules of the product the event declares,
 * or of any product when it declares none), by the log source the event declares (every rule whose
 * product, category and service the event declares), and rules without a log source for every
 * event. Inside a route, each rule needs one of its witnesses (see {@link Witnesses}) to be found by
 * a per-field exact-value map or Aho–Corasick automaton before it is evaluated; rules without a
 * witness are always evaluated. Results are reported in rule order, exactly as evaluating every
 * rule with {@link CompiledRule#matches} would.
 */
public final class RuleIndex {
    private final List<CompiledRule> rules;
    private final List<Route> routes;
    private final Map<LogSource, Bucket> declared;
    private final Bucket unrouted;
    private final Map<LogSource, Bucket[]> declaredCache = new ConcurrentHashMap<>();

    /**
     * A rule under one log source variant ({@code null}: under the log source the event declares).
     * {@code decisive}: an event reaching the entry through its route is accepted by this variant and
     * by no earlier one of the rule (each earlier variant accepts none of the values this one accepts
     * for some field both condition on), so this variant's field names decide without re-checking
     * the variants per event.
     */
    record Entry(int rule, CompiledRule.@Nullable Variant variant, FieldNames names, boolean decisive) {}

    /**
     * Variants of one product ({@code null}: any) conditioning on the same fields: their buckets by
     * the fields' folded values.
     */
    static final class Route {
        private final @Nullable String product;
        private final int[] slots;
        private final KeyTree tree;

        Route(@Nullable String product, List<String> fields, KeyTree tree) {
            this.product = product;
            this.slots = fields.stream().mapToInt(FieldSlots::of).toArray();
            this.tree = tree;
        }
    }

    /** Buckets by folded field values, one level per field of the route (no key string per event). */
    static final class KeyTree {
        private final Map<String, KeyTree> children = new HashMap<>();
        private @Nullable Bucket bucket;

        void put(List<String> foldedValues, Bucket b) {
            KeyTree node = this;
            for (String v : foldedValues) {
                node = node.children.computeIfAbsent(v, k -> new KeyTree());
            }
            node.bucket = b;
        }
    }

    private RuleIndex(List<CompiledRule> rules, List<Route> routes, Map<LogSource, Bucket> declared, Bucket unrouted) {
        this.rules = rules;
        this.routes = routes;
        this.declared = declared;
        this.unrouted = unrouted;
    }

    public static RuleIndex build(List<CompiledRule> rules) {
        Map<RouteKey, Map<List<String>, List<Entry>>> routed = new LinkedHashMap<>();
        Map<LogSource, List<Entry>> byDeclared = new LinkedHashMap<>();
        List<Entry> unroutedEntries = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule rule = rules.get(i);
            LogSource source = rule.metadata().logSource();
            if (source.isNone()) {
                unroutedEntries.add(new Entry(i, null, FieldNames.IDENTITY, false));
                continue;
            }
            byDeclared
                    .computeIfAbsent(source, k -> new ArrayList<>())
                    .add(new Entry(i, null, FieldNames.IDENTITY, false));
            List<CompiledRule.Variant> variants = rule.variants();
            for (int vi = 0; vi < variants.size(); vi++) {
                CompiledRule.Variant v = variants.get(vi);
                boolean decisive = true;
                for (int j = 0; j < vi; j++) {
                    decisive &= exclusive(variants.get(j), v);
                }
                List<String> fields = new ArrayList<>(new TreeSet<>(v.fields()));
                Map<List<String>, List<Entry>> byKey =
                        routed.computeIfAbsent(new RouteKey(source.product(), fields), k -> new LinkedHashMap<>());
                for (List<String> key : keys(fields, v)) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Entry(i, v, v.names(), decisive));
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        routed.forEach((routeKey, byKey) -> {
            KeyTree tree = new KeyTree();
            byKey.forEach((key, entries) -> tree.put(key, Bucket.build(entries, rules)));
            routes.add(new Route(routeKey.product(), routeKey.fields(), tree));
        });
        Map<LogSource, Bucket> declared = new HashMap<>();
        byDeclared.forEach((source, entries) -> declared.put(source, Bucket.build(entries, rules)));
        return new RuleIndex(
                List.copyOf(rules), List.copyOf(routes), Map.copyOf(declared), Bucket.build(unroutedEntries, rules));
    }

    /** Whether no event is accepted by both variants: some field's accepted values are disjoint. */
    static boolean exclusive(CompiledRule.Variant a, CompiledRule.Variant b) {
        for (int i = 0; i < a.fields().size(); i++) {
            int j = b.fields().indexOf(a.fields().get(i));
            if (j < 0) {
                continue;
            }
            Set<String> accepted = new HashSet<>();
            a.accepted().get(i).forEach(value -> accepted.add(Fold.fold(value)));
            if (b.accepted().get(j).stream().noneMatch(value -> accepted.contains(Fold.fold(value)))) {
                return true;
            }
        }
        return false;
    }

    private record RouteKey(@Nullable String product, List<String> fields) {}

    /** Every combination of accepted values, folded, in the order of {@code sortedFields}. */
    private static List<List<String>> keys(List<String> sortedFields, CompiledRule.Variant v) {
        List<List<String>> keys = List.of(List.of());
        for (String field : sortedFields) {
            List<String> accepted = v.accepted().get(v.fields().indexOf(field));
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : keys) {
                for (String value : accepted) {
                    List<String> key = new ArrayList<>(prefix);
                    key.add(Fold.fold(value));
                    next.add(List.copyOf(key));
                }
            }
            keys = next;
        }
        return keys;
    }

    /** The route's bucket for the event's values of the route's fields, or {@code null}. */
    private static @Nullable Bucket bucketFor(Route route, FoldCache event) {
        KeyTree node = route.tree;
        for (int slot : route.slots) {
            Object value = event.value(slot);
            if (value == null) {
                return null;
            }
            node = node.children.get(event.folded(slot, value)); // folded once per event, shared
            if (node == null) {
                return null;
            }
        }
        return node.bucket;
    }

    /** Calls {@code onMatch} for every rule that matches the event, in rule order. */
    public void forEachMatch(SigmaEvent original, Consumer<CompiledRule> onMatch) {
        long[] matched = new long[(rules.size() + 63) >>> 6];
        FoldCache event = FoldCache.open(original);
        try {
            mark(event, matched);
        } finally {
            event.close();
        }
        for (int w = 0; w < matched.length; w++) {
            for (long bits = matched[w]; bits != 0; bits &= bits - 1) {
                onMatch.accept(rules.get((w << 6) + Long.numberOfTrailingZeros(bits)));
            }
        }
    }

    private void mark(FoldCache event, long[] matched) {
        String product = event.logSource().product();
        for (Route route : routes) {
            if (admits(route, product)) {
                Bucket bucket = bucketFor(route, event);
                if (bucket != null) {
                    bucket.evaluate(event, rules, matched);
                }
            }
        }
        for (Bucket bucket : declaredBuckets(event.logSource())) {
            bucket.evaluate(event, rules, matched);
        }
        unrouted.evaluate(event, rules, matched);
    }

    private static boolean admits(Route route, @Nullable String product) {
        return route.product == null || product == null || route.product.equals(product);
    }

    /**
     * The buckets of the rules whose whole log source the event declares: one per combination of
     * the declared parts (each kept or left unnamed), except the combination naming nothing.
     */
    private Bucket[] declaredBuckets(LogSource source) {
        if (source.isNone()) {
            return new Bucket[0];
        }
        Bucket[] cached = declaredCache.get(source);
        if (cached == null) {
            List<Bucket> found = new ArrayList<>();
            for (int mask = 1; mask < 8; mask++) {
                LogSource wanted = new LogSource(
                        (mask & 1) != 0 ? source.product() : null,
                        (mask & 2) != 0 ? source.category() : null,
                        (mask & 4) != 0 ? source.service() : null);
                Bucket bucket = wanted.isNone() ? null : declared.get(wanted);
                if (bucket != null && !found.contains(bucket)) {
                    found.add(bucket);
                }
            }
            cached = found.toArray(Bucket[]::new);
            if (declaredCache.size() < 1024) { // bounded: events declare few distinct log sources
                declaredCache.put(source, cached);
            }
        }
        return cached;
    }

    /** For tests and tuning: the indexes of the rules that would be evaluated for the event. */
    public int[] candidates(SigmaEvent event) {
        FoldCache cached = FoldCache.open(event);
        try {
            return candidates(cached);
        } finally {
            cached.close();
        }
    }

    private int[] candidates(FoldCache cached) {
        SigmaEvent event = cached;
        IntStream all = Arrays.stream(unrouted.candidates(cached));
        String product = event.logSource().product();
        for (Route route : routes) {
            Bucket bucket = admits(route, product) ? bucketFor(route, cached) : null;
            if (bucket != null) {
                all = IntStream.concat(all, Arrays.stream(bucket.candidates(cached)));
            }
        }
        for (Bucket bucket : declaredBuckets(event.logSource())) {
            all = IntStream.concat(all, Arrays.stream(bucket.candidates(cached)));
        }
        return all.toArray();
    }

    /** Statistics for tests and tuning: how many rules would be evaluated for the event. */
    public int candidateCount(SigmaEvent event) {
        return candidates(event).length;
    }
}
