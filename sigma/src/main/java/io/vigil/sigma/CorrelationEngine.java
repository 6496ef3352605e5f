package io.vigil.sigma;

import io.vigil.sigma.internal.CorrelationSpec;
import io.vigil.sigma.internal.CorrelationWindow;
import io.vigil.sigma.internal.ParsedRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the correlation rules of a {@link RuleSet} over the stream of detection matches, in
 * event time. Deterministic: the same events in the same order give the same alerts.
 *
 * <ul>
 *   <li>Windows slide: an event counts while it is at most {@code timespan} older than the newest
 *       event of its group. When a correlation fires, its group's window is cleared.
 *   <li>Late events: an event older than the newest event of its group minus the timespan is
 *       dropped and counted in {@link #lateEvents()}; events within the window may arrive out of
 *       order.
 *   <li>Bounded state: at most {@link Limits#maxGroups()} groups per correlation (the least
 *       recently updated group is evicted) and {@link Limits#maxEventsPerGroup()} events per group
 *       (the oldest is dropped).
 *   <li>Chains: a correlation that fires counts as a match of its own id and name for the
 *       correlations that reference it, in the same call.
 * </ul>
 *
 * <p>Not thread-safe: use one engine per partition of the stream (e.g. per tenant and key).
 */
public final class CorrelationEngine {
    private final List<Correlation> correlations;
    private final Limits limits;
    private long lateEvents;

    /** State bounds. */
    public record Limits(int maxGroups, int maxEventsPerGroup) {
        public static final Limits DEFAULT = new Limits(100_000, 10_000);

        public Limits {
            if (maxGroups < 1 || maxEventsPerGroup < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private record Correlation(
            RuleMetadata metadata,
            CorrelationSpec spec,
            List<String> ruleIds,
            Map<List<String>, CorrelationWindow> groups) {}

    private CorrelationEngine(List<Correlation> correlations, Limits limits) {
        this.correlations = correlations;
        this.limits = limits;
    }

    /** An engine for the correlation rules of {@code rules}, in dependency order. */
    public static CorrelationEngine create(RuleSet rules, Limits limits) {
        List<Correlation> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<ParsedRule.Correlation> pending = new ArrayList<>(rules.correlations());
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (var it = pending.iterator(); it.hasNext(); ) {
                ParsedRule.Correlation c = it.next();
                List<String> ids = new ArrayList<>();
                boolean ready = true;
                for (String ref : c.spec().rules()) {
                    String id = rules.resolve(ref);
                    ids.add(id == null ? ref : id);
                    boolean isCorrelation = rules.correlations().stream()
                            .anyMatch(o -> o.metadata().id().equals(id));
                    ready &= !isCorrelation || placed.contains(id);
                }
                if (ready) {
                    ordered.add(new Correlation(c.metadata(), c.spec(), ids, lru(limits.maxGroups())));
                    placed.add(c.metadata().id());
                    it.remove();
                }
            }
            if (pending.size() == before) {
                throw new SigmaException("correlation references form a cycle: " + pending);
            }
        }
        return new CorrelationEngine(List.copyOf(ordered), limits);
    }

    private static Map<List<String>, CorrelationWindow> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<String>, CorrelationWindow> eldest) {
                return size() > max;
            }
        };
    }

    /** Rule ids whose own matches should not be reported ({@code generate: false}). */
    public Set<String> suppressedRuleIds() {
        Set<String> out = new HashSet<>();
        for (Correlation c : correlations) {
            if (!c.spec().generate()) {
                out.addAll(c.ruleIds());
            }
        }
        return Set.copyOf(out);
    }

    /**
     * Feeds one event: {@code matched} are the ids of the detection rules it matched. Returns the
     * correlations that fire.
     */
    public List<CorrelationAlert> accept(SigmaEvent event, Instant time, Set<String> matched) {
        Set<String> fired = new HashSet<>(matched);
        List<CorrelationAlert> alerts = new ArrayList<>();
        for (Correlation c : correlations) {
            for (int r = 0; r < c.ruleIds().size(); r++) {
                if (!fired.contains(c.ruleIds().get(r))) {
                    continue;
                }
                CorrelationAlert alert = count(c, r, event, time);
                if (alert != null) {
                    alerts.add(alert);
                    fired.add(c.metadata().id());
                    break;
                }
                if (!c.spec().type().isTemporal()) {
                    break; // an event counts once, whichever of the referenced rules it matched
                }
            }
        }
        return alerts;
    }

    private @org.jspecify.annotations.Nullable CorrelationAlert count(
            Correlation c, int rule, SigmaEvent event, Instant time) {
        String ref = c.spec().rules().get(rule);
        List<String> key = new ArrayList<>();
        for (String field : c.spec().groupBy()) {
            Object v = event.get(aliased(c.spec(), field, ref));
            key.add(field + "=" + (v == null ? "" : String.valueOf(v)));
        }
        CorrelationWindow window = c.groups().computeIfAbsent(List.copyOf(key), k -> new CorrelationWindow());
        String valueField = c.spec().field();
        Object value = valueField == null ? null : event.get(aliased(c.spec(), valueField, ref));
        if (!window.add(
                time,
                rule,
                value == null ? null : String.valueOf(value),
                c.spec().timespan(),
                limits.maxEventsPerGroup())) {
            lateEvents++;
            return null;
        }
        if (!window.satisfies(c.spec(), value == null ? null : String.valueOf(value))) {
            return null;
        }
        CorrelationAlert alert = new CorrelationAlert(c.metadata(), key, window.first(), time, window.size());
        window.clear();
        return alert;
    }

    private static String aliased(CorrelationSpec spec, String field, String ruleRef) {
        Map<String, String> perRule = spec.aliases().get(field);
        return perRule == null ? field : perRule.getOrDefault(ruleRef, field);
    }

    /** Events dropped because they arrived after their window had moved on. */
    public long lateEvents() {
        return lateEvents;
    }

    /** The whole state as plain values. */
    public CorrelationSnapshot snapshot() {
        List<CorrelationSnapshot.Group> groups = new ArrayList<>();
        for (Correlation c : correlations) {
            c.groups().forEach((key, window) -> {
                if (window.size() > 0) {
                    groups.add(
                            new CorrelationSnapshot.Group(c.metadata().id(), key, window.latest(), window.entries()));
                }
            });
        }
        return new CorrelationSnapshot(groups);
    }

    /** Replaces the state with a snapshot (groups of unknown correlations are ignored). */
    public void restore(CorrelationSnapshot snapshot) {
        correlations.forEach(c -> c.groups().clear());
        for (CorrelationSnapshot.Group g : snapshot.groups()) {
            for (Correlation c : correlations) {
                if (c.metadata().id().equals(g.correlationId())) {
                    c.groups().put(List.copyOf(g.key()), CorrelationWindow.of(g.latest(), g.entries()));
                }
            }
        }
    }
}
