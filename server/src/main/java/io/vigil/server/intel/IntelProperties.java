package io.vigil.server.intel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.intel.*}: limits of threat-intel imports and the feed schedule.
 *
 * @param maxDocumentSize the largest document a feed refresh reads (a CSV, a bundle, one MISP event
 *     file, one TAXII page)
 * @param maxUploadSize the largest file uploaded through the API (larger: 413)
 * @param maxIndicatorsPerImport indicators one refresh or upload stores at most
 * @param maxFeedEvents events of one MISP feed read at most
 * @param fetchTimeout how long one HTTP request of a refresh may take
 * @param refreshCheck how often the scheduler looks for feeds that are due
 * @param taxiiPageSize objects asked for per TAXII page ({@code limit})
 * @param taxiiMaxPages pages one TAXII refresh reads at most (the rest follows next time)
 */
@Validated
@ConfigurationProperties(prefix = "vigil.intel", ignoreUnknownFields = false)
public record IntelProperties(
        @DefaultValue("64MB") DataSize maxDocumentSize,
        @DefaultValue("32MB") DataSize maxUploadSize,
        @DefaultValue("2000000") int maxIndicatorsPerImport,
        @DefaultValue("10000") int maxFeedEvents,
        @DefaultValue("60s") Duration fetchTimeout,
        @DefaultValue("60s") Duration refreshCheck,
        @DefaultValue("1000") int taxiiPageSize,
        @DefaultValue("100") int taxiiMaxPages) {

    public IntelProperties {
        if (maxDocumentSize.toBytes() < 1 || maxDocumentSize.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("vigil.intel.max-document-size must be between 1B and 2GB");
        }
        if (maxUploadSize.toBytes() < 1 || maxUploadSize.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("vigil.intel.max-upload-size must be between 1B and 2GB");
        }
        if (maxIndicatorsPerImport < 1) {
            throw new IllegalArgumentException("vigil.intel.max-indicators-per-import must be positive");
        }
        if (maxFeedEvents < 1) {
            throw new IllegalArgumentException("vigil.intel.max-feed-events must be positive");
        }
        if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("vigil.intel.fetch-timeout must be positive");
        }
        if (refreshCheck.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("vigil.intel.refresh-check must be at least 1s");
        }
        if (taxiiPageSize < 1 || taxiiPageSize > 10_000) {
            throw new IllegalArgumentException("vigil.intel.taxii-page-size must be 1-10000");
        }
        if (taxiiMaxPages < 1) {
            throw new IllegalArgumentException("vigil.intel.taxii-max-pages must be positive");
        }
    }

    /** The defaults, for tests and tools. */
    public static IntelProperties defaults() {
        return new IntelProperties(
                DataSize.ofMegabytes(64),
                DataSize.ofMegabytes(32),
                2_000_000,
                10_000,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                1000,
                100);
    }
}
