package io.vigil.server.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.ingest.*}: limits of the ingest endpoints and the telemetry log's housekeeping.
 *
 * @param maxBatchSize the largest request body of a batch endpoint (agent, {@code _bulk}, OTLP), as
 *     sent (compressed or not)
 * @param maxDecompressedSize the largest body after {@code Content-Encoding: gzip} is undone
 * @param maxFileSize the largest telemetry file upload (EVTX, JSON, auditd)
 * @param appendChunk events appended to the log per transaction while a body is parsed
 * @param logRetention how long consumed events stay in the log (the window in which a retried batch
 *     is recognised by the log itself; the store recognises it for ever)
 * @param consumerBatch events a log consumer reads per step
 * @param consumerIdle how long an idle consumer waits before it looks again (an append wakes it)
 * @param elasticVersion the Elasticsearch version {@code /ingest/elastic} reports (shippers check it)
 * @param bufferBudget memory all batch bodies being received and processed may use together
 * @param pipelineNice the Linux nice value (0-19) of the log's consumers (the store writer, the
 *     detection pipeline), so that accepting batches comes first when the cores are busy; 0 runs
 *     them at the server's own priority
 */
@Validated
@ConfigurationProperties(prefix = "vigil.ingest", ignoreUnknownFields = false)
public record IngestProperties(
        @DefaultValue("32MB") DataSize maxBatchSize,
        @DefaultValue("128MB") DataSize maxDecompressedSize,
        @DefaultValue("2GB") DataSize maxFileSize,
        @DefaultValue("2000") int appendChunk,
        @DefaultValue("1h") Duration logRetention,
        @DefaultValue("5000") int consumerBatch,
        @DefaultValue("1s") Duration consumerIdle,
        @DefaultValue("8.19.0") String elasticVersion,
        @DefaultValue("1GB") DataSize bufferBudget,
        @DefaultValue("10") int pipelineNice) {

    public IngestProperties {
        requirePositive("vigil.ingest.max-batch-size", maxBatchSize);
        requirePositive("vigil.ingest.max-decompressed-size", maxDecompressedSize);
        requirePositive("vigil.ingest.max-file-size", maxFileSize);
        if (bufferBudget.toBytes() < maxDecompressedSize.toBytes()) {
            throw new IllegalArgumentException("vigil.ingest.buffer-budget (" + bufferBudget
                    + ") must be at least vigil.ingest.max-decompressed-size (" + maxDecompressedSize + ")");
        }
        if (appendChunk < 1 || appendChunk > 100_000) {
            throw new IllegalArgumentException("vigil.ingest.append-chunk must be 1-100000, not " + appendChunk);
        }
        if (consumerBatch < 1 || consumerBatch > 100_000) {
            throw new IllegalArgumentException("vigil.ingest.consumer-batch must be 1-100000, not " + consumerBatch);
        }
        if (logRetention.isNegative()) {
            throw new IllegalArgumentException("vigil.ingest.log-retention must not be negative");
        }
        if (!elasticVersion.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException(
                    "vigil.ingest.elastic-version must look like 8.19.0, not '" + elasticVersion + "'");
        }
        if (pipelineNice < 0 || pipelineNice > 19) {
            throw new IllegalArgumentException("vigil.ingest.pipeline-nice must be 0-19, not " + pipelineNice);
        }
        if (consumerIdle.isNegative() || consumerIdle.isZero()) {
            throw new IllegalArgumentException("vigil.ingest.consumer-idle must be positive");
        }
    }

    private static void requirePositive(String name, DataSize size) {
        if (size.toBytes() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + size);
        }
    }
}
