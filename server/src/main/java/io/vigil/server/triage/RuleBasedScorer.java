package io.vigil.server.triage;

import io.vigil.server.detection.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Today's scorer: fixed points per factor, summed and capped at 100.
 *
 * <ul>
 *   <li>rule level: critical 50, high 35, medium 20, low 10, informational 5
 *   <li>IoC hit (technology {@code IOC}): 25
 *   <li>asset criticality 1-5: 4 per step (unknown: 0)
 *   <li>first seen in the fleet: 15 (unknown: 0)
 *   <li>distinct ATT&amp;CK tactics on the host within the window: 10 for each beyond the first, at
 *       most 30
 * </ul>
 */
public final class RuleBasedScorer implements TriageScorer {

    @Override
    public String name() {
        return "rule-based-v1";
    }

    @Override
    public TriageScore score(Alert alert, TriageContext context) {
        List<ScoreFactor> factors = new ArrayList<>();
        String level = alert.level().toLowerCase(Locale.ROOT);
        int levelPoints = switch (level) {
            case "critical" -> 50;
            case "high" -> 35;
            case "medium" -> 20;
            case "low" -> 10;
            default -> 5;
        };
        factors.add(new ScoreFactor("rule_level", levelPoints, "Rule '" + alert.ruleTitle() + "' is " + level + "."));
        factors.add(
                alert.technology() == Alert.Technology.IOC
                        ? new ScoreFactor(
                                "ioc_hit", 25, "A threat-intelligence indicator matched: " + alert.ruleTitle() + ".")
                        : new ScoreFactor("ioc_hit", 0, "No indicator of compromise matched."));
        Integer criticality = context.assetCriticality();
        factors.add(
                criticality == null
                        ? new ScoreFactor(
                                "asset_criticality",
                                0,
                                "Asset criticality is not known (the alert has no asset record).")
                        : new ScoreFactor(
                                "asset_criticality",
                                criticality * 4,
                                "Asset " + alert.asset() + " has criticality " + criticality + " of 5."));
        Boolean firstSeen = context.firstSeenInFleet();
        factors.add(
                firstSeen == null
                        ? new ScoreFactor(
                                "first_seen_in_fleet", 0, "Fleet prevalence is not known (the alert carries none).")
                        : firstSeen
                                ? new ScoreFactor("first_seen_in_fleet", 15, "First seen in the fleet.")
                                : new ScoreFactor("first_seen_in_fleet", 0, "Seen before in the fleet."));
        int tactics = context.tacticsOnHost().size();
        factors.add(new ScoreFactor(
                "host_tactics",
                Math.min(30, Math.max(0, tactics - 1) * 10),
                tactics + " distinct ATT&CK tactic(s) on " + alert.asset() + " within " + context.window() + ": "
                        + (context.tacticsOnHost().isEmpty()
                                ? "none tagged"
                                : String.join(", ", context.tacticsOnHost()))
                        + "."));
        int sum = factors.stream().mapToInt(ScoreFactor::points).sum();
        return new TriageScore(Math.min(100, sum), factors);
    }
}
