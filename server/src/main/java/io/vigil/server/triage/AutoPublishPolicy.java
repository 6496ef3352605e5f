package io.vigil.server.triage;

import io.vigil.server.detection.Alert;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's auto-publish policy: which new candidates become incidents without an analyst.
 *
 * <p>A candidate matches when the policy is enabled, its score is at least {@code minScore}, and,
 * when any of {@code ruleIds}, {@code levels} or {@code iocHit} is set, at least one of its alerts
 * has one of those rules, one of those levels, or (with {@code iocHit}) is an IoC hit.
 *
 * @param enabled whether the policy applies
 * @param minScore the lowest candidate score (0-100)
 * @param ruleIds rule ids that qualify
 * @param levels rule levels that qualify (lower case)
 * @param iocHit whether an IoC hit qualifies
 */
public record AutoPublishPolicy(
        boolean enabled, int minScore, List<String> ruleIds, List<String> levels, boolean iocHit) {

    public static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    public AutoPublishPolicy {
        ruleIds = List.copyOf(ruleIds);
        levels = levels.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
    }

    /** The policy of a tenant that never set one: off. */
    public static AutoPublishPolicy off() {
        return new AutoPublishPolicy(false, 80, List.of(), List.of(), false);
    }

    /** Whether a candidate with this score and these alerts is published automatically. */
    public boolean matches(int score, List<AlertFeatures> alerts) {
        if (!enabled || score < minScore) {
            return false;
        }
        if (ruleIds.isEmpty() && levels.isEmpty() && !iocHit) {
            return true;
        }
        return alerts.stream()
                .anyMatch(a -> ruleIds.contains(a.ruleId())
                        || levels.contains(a.level().toLowerCase(Locale.ROOT))
                        || (iocHit && a.technology() == Alert.Technology.IOC));
    }
}
