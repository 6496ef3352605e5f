package io.vigil.server.detection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
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
 * @param checkpointInterval how often, at most, the pipeline saves its correlation windows (and
 *     then commits its position in the telemetry log); after a crash, the events of at most this
 *     long are read again
 * @param correlationMaxGroups open windows (correlation rule and group-by value) kept per
 *     correlation rule and tenant; the least recently used is dropped beyond it
 * @param correlationMaxEventsPerGroup events kept per window; the oldest is dropped beyond it
 * @param tenantRuleMaxTextSize the largest custom rule or exclusion text of a tenant (UTF-8)
 * @param tenantRuleMaxTexts custom rules plus exclusions one tenant may have
 * @param tenantPlaceholderMaxNames placeholder names one tenant may set
 * @param tenantPlaceholderMaxValues values per placeholder
 * @param tenantRulesCheckInterval how often a node looks for tenant rule changes other nodes stored
 *     (cluster mode; the node that stores a change applies it at once)
 */
@Validated
@ConfigurationProperties(prefix = "vigil.detection", ignoreUnknownFields = false)
public record DetectionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<Path> rules,
        @DefaultValue("true") boolean builtInPack,
        @DefaultValue("1m") Duration rulesCheckInterval,
        @DefaultValue("5s") Duration checkpointInterval,
        @DefaultValue("10000") int correlationMaxGroups,
        @DefaultValue("1000") int correlationMaxEventsPerGroup,
        @DefaultValue("256KB") DataSize tenantRuleMaxTextSize,
        @DefaultValue("200") int tenantRuleMaxTexts,
        @DefaultValue("100") int tenantPlaceholderMaxNames,
        @DefaultValue("1000") int tenantPlaceholderMaxValues,
        @DefaultValue("10s") Duration tenantRulesCheckInterval) {

    /** The defaults for the checkpoint, correlation and tenant rule settings, for code that builds properties by hand (tests, tools). */
    public DetectionProperties(boolean enabled, List<Path> rules, boolean builtInPack, Duration rulesCheckInterval) {
        this(
                enabled,
                rules,
                builtInPack,
                rulesCheckInterval,
                Duration.ofSeconds(5),
                10_000,
                1_000,
                DataSize.ofKilobytes(256),
                200,
                100,
                1000,
                Duration.ofSeconds(10));
    }

    @ConstructorBinding
    public DetectionProperties {
        rules = List.copyOf(rules);
        if (rulesCheckInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "vigil.detection.rules-check-interval must be at least 1s, not " + rulesCheckInterval);
        }
        if (checkpointInterval.isNegative() || checkpointInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(
                    "vigil.detection.checkpoint-interval must be between 0s and 10m, not " + checkpointInterval);
        }
        if (correlationMaxGroups < 1 || correlationMaxEventsPerGroup < 1) {
            throw new IllegalArgumentException("vigil.detection.correlation-max-groups and"
                    + " correlation-max-events-per-group must be at least 1, not " + correlationMaxGroups + " and "
                    + correlationMaxEventsPerGroup);
        }
        if (tenantRuleMaxTextSize.toBytes() < 1024 || tenantRuleMaxTextSize.toBytes() > 16L * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "vigil.detection.tenant-rule-max-text-size must be between 1KB and 16MB, not "
                            + tenantRuleMaxTextSize);
        }
        if (tenantRuleMaxTexts < 1 || tenantPlaceholderMaxNames < 0 || tenantPlaceholderMaxValues < 1) {
            throw new IllegalArgumentException("vigil.detection.tenant-rule-max-texts and"
                    + " tenant-placeholder-max-values must be at least 1, tenant-placeholder-max-names at least 0");
        }
        if (tenantRulesCheckInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "vigil.detection.tenant-rules-check-interval must be at least 1s, not " + tenantRulesCheckInterval);
        }
    }
}
