package io.vigil.server.detection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.detection.*}: the detection pipeline.
 *
 * @param enabled whether the pipeline consumes the telemetry log (off: telemetry is stored, nothing
 *     is detected)
 * @param rules folders (or files) of Sigma rules loaded for every tenant, e.g. a SigmaHQ release's
 *     {@code rules/} folder
 * @param builtInPack whether Vigil's own IoA pack (shipped in the application) is loaded
 * @param rulesCheckInterval how often the rule folders are checked for changes; a change reloads
 *     the rules without a restart
 */
@Validated
@ConfigurationProperties(prefix = "vigil.detection", ignoreUnknownFields = false)
public record DetectionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<Path> rules,
        @DefaultValue("true") boolean builtInPack,
        @DefaultValue("1m") Duration rulesCheckInterval) {

    public DetectionProperties {
        rules = List.copyOf(rules);
        if (rulesCheckInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "vigil.detection.rules-check-interval must be at least 1s, not " + rulesCheckInterval);
        }
    }
}
