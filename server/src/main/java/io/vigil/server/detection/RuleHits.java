package io.vigil.server.detection;

/**
 * How often one rule fired in a period, over the tenants the caller sees: noisy rules stand out.
 *
 * @param ruleId the rule
 * @param ruleTitle its title
 * @param level its level
 * @param alerts alerts it raised
 * @param tenants in how many tenants
 */
public record RuleHits(String ruleId, String ruleTitle, String level, long alerts, long tenants) {}
