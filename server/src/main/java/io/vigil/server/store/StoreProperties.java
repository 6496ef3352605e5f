package io.vigil.server.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.store.*}: the telemetry store.
 *
 * @param purgeInterval how often the retention job drops expired tenant-days (first run one interval
 *     after start)
 * @param maxQueryRange the longest time range one hunting query may cover
 * @param maxPageSize the most events one query page may return
 * @param maxTreeNodes the most descendants a process tree returns
 */
@Validated
@ConfigurationProperties(prefix = "vigil.store", ignoreUnknownFields = false)
public record StoreProperties(
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("31d") Duration maxQueryRange,
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxPageSize,
        @DefaultValue("500") @Min(1) @Max(10_000) int maxTreeNodes) {

    public StoreProperties {
        if (purgeInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("vigil.store.purge-interval must be at least 1s, not " + purgeInterval);
        }
        if (maxQueryRange.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("vigil.store.max-query-range must be at least 1m, not " + maxQueryRange);
        }
    }

    /** The defaults, for code that runs without Spring (tests, benchmarks). */
    public static StoreProperties defaults() {
        return new StoreProperties(Duration.ofHours(1), Duration.ofDays(31), 1000, 500);
    }
}
