package io.vigil.server.triage;

import io.vigil.server.platform.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Groups a tenant's open alerts into incident candidates. Two alerts are related when
 *
 * <ul>
 *   <li>they are on the same host within the window, or
 *   <li>one's acting process is the other's or one of its ancestors (same process tree, same host,
 *       at any distance in time), or
 *   <li>they name the same (non-system) user within the window, or
 *   <li>one points at the other's host within the window (lateral movement: {@code \\host\ADMIN$},
 *       {@code sc \\host}, {@code wmic /node:host}, the source of a network logon);
 * </ul>
 *
 * and a candidate is a connected group of related alerts. Pure and deterministic: the same alerts
 * give the same candidates with the same ids, whatever their order.
 */
public final class CandidateGrouper {

    private CandidateGrouper() {}

    /**
     * A group of related alerts.
     *
     * @param id the candidate id (from the tenant and the earliest alert)
     * @param alerts oldest first
     * @param links why they were grouped, in the order found, without repeats
     */
    public record Group(String id, List<TriagedAlert> alerts, List<String> links) {
        public Group {
            alerts = List.copyOf(alerts);
            links = List.copyOf(links);
        }

        /** The combined score: see {@link CandidateGrouper#combinedScore}. */
        public int score() {
            return combinedScore(alerts);
        }

        public List<AlertFeatures> features() {
            return alerts.stream().map(TriagedAlert::features).toList();
        }
    }

    /** Groups the alerts (all of {@code tenant}); the result is sorted by the groups' first alert. */
    public static List<Group> group(TenantId tenant, List<TriagedAlert> alerts, Duration window) {
        List<TriagedAlert> sorted = new ArrayList<>(alerts);
        sorted.sort(ORDER);
        int n = sorted.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<List<String>> reasons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            reasons.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (find(parent, i) == find(parent, j)) {
                    continue;
                }
                String why = link(sorted.get(i).features(), sorted.get(j).features(), window);
                if (why != null) {
                    int a = find(parent, i);
                    int b = find(parent, j);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                        reasons.get(Math.min(a, b)).addAll(reasons.get(Math.max(a, b)));
                        reasons.get(Math.min(a, b)).add(why);
                    }
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (find(parent, root) != root) {
                continue;
            }
            List<TriagedAlert> members = new ArrayList<>();
            for (int k = root; k < n; k++) {
                if (find(parent, k) == root) {
                    members.add(sorted.get(k));
                }
            }
            Set<String> links = new LinkedHashSet<>(reasons.get(root));
            groups.add(new Group(
                    idFor(tenant, sorted.get(root).features().alertId()),
                    members,
                    links.stream().limit(20).toList()));
        }
        return groups;
    }

    /** Why two alerts are related, or {@code null} when they are not. */
    static @Nullable String link(AlertFeatures a, AlertFeatures b, Duration window) {
        boolean sameHost = a.asset().equals(b.asset());
        if (sameHost && (inChain(a, b) || inChain(b, a))) {
            return "same process tree on " + a.asset();
        }
        if (Duration.between(a.eventTime(), b.eventTime()).abs().compareTo(window) > 0) {
            return null;
        }
        if (sameHost) {
            return "same host " + a.asset();
        }
        String user = a.user();
        if (user != null && user.equals(b.user()) && !isSystemAccount(user)) {
            return "same user " + user;
        }
        if (pointsAt(a, b.asset())) {
            return "lateral movement " + a.asset() + " → " + b.asset();
        }
        if (pointsAt(b, a.asset())) {
            return "lateral movement " + b.asset() + " → " + a.asset();
        }
        return null;
    }

    /** The combined score: the best alert's, plus 3 per further distinct rule (at most 15), plus 10 for several hosts. */
    public static int combinedScore(List<TriagedAlert> alerts) {
        int best = alerts.stream().mapToInt(TriagedAlert::score).max().orElse(0);
        long rules = alerts.stream().map(a -> a.features().ruleId()).distinct().count();
        long hosts = alerts.stream().map(a -> a.features().asset()).distinct().count();
        int bonus = (int) Math.min(15, 3 * Math.max(0, rules - 1)) + (hosts > 1 ? 10 : 0);
        return Math.min(100, best + bonus);
    }

    /** The candidate id for a group whose earliest alert is {@code alertId}. */
    public static String idFor(TenantId tenant, String alertId) {
        return UUID.nameUUIDFromBytes(
                        ("candidate\n" + tenant.value() + "\n" + alertId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Whether {@code b}'s acting process is {@code a}'s or one of its ancestors. */
    private static boolean inChain(AlertFeatures a, AlertFeatures b) {
        String key = b.processKey();
        return key != null && a.processChain().contains(key);
    }

    private static boolean pointsAt(AlertFeatures from, String asset) {
        String host = asset.toLowerCase(Locale.ROOT);
        String shortName = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        for (String target : from.linkedHosts()) {
            String t = target.toLowerCase(Locale.ROOT);
            String shortTarget =
                    t.contains(".") && !Character.isDigit(t.charAt(0)) ? t.substring(0, t.indexOf('.')) : t;
            if (t.equals(host) || shortTarget.equals(shortName)) {
                return true;
            }
        }
        return false;
    }

    /** Built-in service identities run everywhere; sharing one says nothing. */
    static boolean isSystemAccount(String user) {
        String u = user.toLowerCase(Locale.ROOT);
        return u.startsWith("nt authority\\") || u.endsWith("$") || u.equals("system") || u.equals("-");
    }

    private static int find(int[] parent, int i) {
        int r = i;
        while (parent[r] != r) {
            r = parent[r];
        }
        return r;
    }

    private static final Comparator<TriagedAlert> ORDER = Comparator.comparing(
                    (TriagedAlert t) -> t.features().eventTime())
            .thenComparing(t -> t.features().alertId());

    /** The distinct values of a field over alerts, sorted. */
    static List<String> distinct(
            List<AlertFeatures> alerts, java.util.function.Function<AlertFeatures, List<String>> f) {
        Set<String> values = new TreeSet<>();
        alerts.forEach(a -> values.addAll(f.apply(a)));
        return List.copyOf(values);
    }
}
