package io.vigil.server.ingest;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether the telemetry log is Kafka: {@code vigil.kafka.bootstrap-servers} is set. Exactly one of
 * {@link On} and {@link Off} matches, so exactly one {@link TelemetryLog} bean exists.
 */
final class KafkaMode {

    static final String SETTING = "vigil.kafka.bootstrap-servers";

    private KafkaMode() {}

    static boolean enabled(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty(SETTING));
    }

    /** Matches in cluster mode (Kafka). */
    static final class On implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return enabled(context);
        }
    }

    /** Matches without Kafka (the JDBC log). */
    static final class Off implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !enabled(context);
        }
    }
}
