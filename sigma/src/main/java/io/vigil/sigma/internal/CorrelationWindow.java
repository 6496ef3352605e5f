package io.vigil.sigma.internal;

import io.vigil.sigma.CorrelationSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The events of one correlation group inside the sliding window, in time order. */
public final class CorrelationWindow {
    private final List<CorrelationSnapshot.Entry> entries = new ArrayList<>();
    private Instant latest = Instant.EPOCH.minus(Duration.ofDays(365L * 10_000));

    public static CorrelationWindow of(Instant latest, List<CorrelationSnapshot.Entry> entries) {
        CorrelationWindow w = new CorrelationWindow();
        w.latest = latest;
        w.entries.addAll(entries);
        return w;
    }

    /** Adds an event; returns false (and keeps nothing) when it is older than the window. */
    public boolean add(Instant time, int rule, @Nullable String value, Duration timespan, int maxEntries) {
        if (!entries.isEmpty() && time.isBefore(latest.minus(timespan))) {
            return false;
        }
        if (entries.isEmpty() && time.isAfter(latest)) {
            latest = time;
        }
        if (time.isAfter(latest)) {
            latest = time;
        }
        int at = entries.size();
        while (at > 0 && entries.get(at - 1).time().isAfter(time)) {
            at--;
        }
        entries.add(at, new CorrelationSnapshot.Entry(time, rule, value));
        Instant oldest = latest.minus(timespan);
        entries.removeIf(e -> e.time().isBefore(oldest));
        while (entries.size() > maxEntries) {
            entries.remove(0);
        }
        return true;
    }

    public boolean satisfies(CorrelationSpec spec, @Nullable String current) {
        return switch (spec.type()) {
            case EVENT_COUNT -> holds(spec, entries.size());
            case VALUE_COUNT -> holds(spec, distinctValues().size());
            case VALUE_SUM -> holds(spec, sum());
            case VALUE_AVG -> !entries.isEmpty() && holds(spec, sum() / numericCount());
            case VALUE_PERCENTILE -> current != null && holds(spec, share(current));
            case TEMPORAL -> {
                int distinct = distinctRules();
                yield spec.conditions().isEmpty() ? distinct == spec.rules().size() : holds(spec, distinct);
            }
            case TEMPORAL_ORDERED -> inOrder(spec.rules().size());
        };
    }

    private static boolean holds(CorrelationSpec spec, double actual) {
        for (Map.Entry<Comparison, Double> c : spec.conditions().entrySet()) {
            if (!c.getKey().holds(actual, c.getValue())) {
                return false;
            }
        }
        return true;
    }

    private Set<String> distinctValues() {
        Set<String> values = new HashSet<>();
        entries.stream().map(CorrelationSnapshot.Entry::value).forEach(v -> {
            if (v != null) {
                values.add(v);
            }
        });
        return values;
    }

    private double sum() {
        double sum = 0;
        for (CorrelationSnapshot.Entry e : entries) {
            Double n = e.value() == null ? null : Values.number(e.value());
            sum += n == null ? 0 : n;
        }
        return sum;
    }

    private int numericCount() {
        int n = 0;
        for (CorrelationSnapshot.Entry e : entries) {
            n += e.value() != null && Values.number(e.value()) != null ? 1 : 0;
        }
        return Math.max(n, 1);
    }

    /** Percentage of the window's events whose value equals the current one (its rarity). */
    private double share(String current) {
        Map<String, Integer> counts = new HashMap<>();
        entries.forEach(e -> {
            if (e.value() != null) {
                counts.merge(e.value(), 1, Integer::sum);
            }
        });
        return 100.0 * counts.getOrDefault(current, 0) / Math.max(entries.size(), 1);
    }

    private int distinctRules() {
        Set<Integer> rules = new HashSet<>();
        entries.forEach(e -> rules.add(e.rule()));
        return rules.size();
    }

    private boolean inOrder(int ruleCount) {
        int next = 0;
        for (CorrelationSnapshot.Entry e : entries) {
            if (e.rule() == next) {
                next++;
                if (next == ruleCount) {
                    return true;
                }
            }
        }
        return false;
    }

    public Instant first() {
        return entries.isEmpty() ? latest : entries.get(0).time();
    }

    public Instant latest() {
        return latest;
    }

    public int size() {
        return entries.size();
    }

    public List<CorrelationSnapshot.Entry> entries() {
        return List.copyOf(entries);
    }

    public void clear() {
        entries.clear();
    }
}
