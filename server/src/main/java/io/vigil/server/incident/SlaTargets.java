package io.vigil.server.incident;

import java.time.Duration;

/**
 * How long the SOC has, per priority, from first detection to notifying the customer (publishing);
 * the same targets time the first SOC answer on a customer-created incident.
 */
public record SlaTargets(Duration high, Duration normal, Duration low) {

    public SlaTargets {
        for (Duration d : new Duration[] {high, normal, low}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("an SLA target must be positive, not " + d);
            }
        }
    }

    public Duration of(Priority p) {
        return switch (p) {
            case HIGH -> high;
            case NORMAL -> normal;
            case LOW -> low;
        };
    }
}
