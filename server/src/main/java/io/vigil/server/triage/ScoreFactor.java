package io.vigil.server.triage;

/**
 * One line of a score's explanation.
 *
 * @param factor a stable name, e.g. {@code rule_level}, {@code ioc_hit}, {@code host_tactics}
 * @param points what it added (0 when the factor is absent or unknown)
 * @param why the reason in words an analyst reads
 */
public record ScoreFactor(String factor, int points, String why) {}
