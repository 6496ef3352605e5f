/**
 * Telemetry ingest: the endpoints agents and log shippers send to, their credentials, and the
 * durable telemetry log.
 *
 * <p><b>Acknowledge after a durable write.</b> Every endpoint parses the body with the {@code
 * telemetry} library's parsers, appends the accepted events to the {@link
 * io.vigil.server.ingest.TelemetryLog} in chunks, and answers only after the last chunk's commit
 * (SQLite with {@code synchronous=FULL}, or PostgreSQL, or every in-sync Kafka replica). Consumers (the telemetry store writer, the
 * detection pipeline) read the log from their committed offset, so a crash after the answer loses
 * nothing and a crash before it makes the sender retry.
 *
 * <p><b>Idempotence.</b> Event ids are derived from the record's identity (see {@link
 * io.vigil.telemetry.EventId}); the log refuses an event it still holds and the store refuses one
 * it has stored, so a retried batch adds nothing. The response says how many were duplicates. The
 * log's key is (tenant, event time, event id): every parser reads the time from the record, so a
 * retry has the same key, and the time keeps new keys at the end of the index; an index on the
 * hashed ids alone sent every append to random pages and rewrote most of the index per commit.
 *
 * <p><b>One log, two implementations.</b> {@link io.vigil.server.ingest.TelemetryLog} is appended to
 * by ingest and read through a {@link io.vigil.server.ingest.TelemetryLog.Subscription} per consumer
 * name (poll, commit after the handler returned, rewind after it failed, lag). {@code
 * JdbcTelemetryLog} is a table with one committed position per name, trimmed once every consumer
 * has passed. {@code KafkaTelemetryLog} (when {@code vigil.kafka.bootstrap-servers} is set) is a
 * topic keyed by tenant and asset: a consumer name is a consumer group, so processes of one name
 * share partitions, order holds per asset, and the topic's retention replaces trimming. The
 * subscription hides positions (a sequence number, or an offset per partition), which is why
 * consumers commit "what was returned" rather than a position. {@code TelemetryLogConsumers} runs
 * the same loop on both; {@code TelemetryLogContract} is the behaviour both must show.
 *
 * <p><b>Group commit and the in-memory tail (JDBC log).</b> Appends that arrive while another is being
 * written queue up, and the next writer commits all of them in one transaction: one fsync for
 * several requests, and each request is still answered only after the commit that holds its events
 * (a failed commit fails every request of the group; nothing of it was stored). The events of each
 * SQLite commit are also kept in memory ({@code LogTail}, 64 MiB of encoded entries) with the
 * positions AUTOINCREMENT gave them, checked against the head read inside the transaction, so this
 * process's consumers that keep up get the very event objects that were appended instead of
 * selecting and decoding every payload once per consumer. The tail answers only for positions in a
 * range it holds whole; everything else (a consumer further behind, an append by another writer of
 * the file, PostgreSQL) reads the table as before, so what a consumer sees cannot change.
 *
 * <p><b>Duplicates in cluster mode.</b> Kafka cannot recognise a retried batch (the idempotent
 * producer removes only its own internal resends), so the Kafka log reports every appended event as
 * new and the answer counts retries as accepted. That is honest about what the log did; the store
 * writer, like every consumer, is idempotent by event id, so nothing is stored twice.
 *
 * <p><b>Bad records.</b> A record that does not parse is reported with its line number (or byte
 * offset) and counted; the rest of the batch is still accepted. Retrying the same batch is harmless,
 * so senders never need to split it.
 *
 * <p><b>Credentials.</b> Secrets are 256-bit random values stored as SHA-256 hashes: a slow password
 * hash protects guessable secrets and would cost every batch. A key is checked on every request, so
 * revoking it takes effect at once.
 */
@NullMarked
package io.vigil.server.ingest;

import org.jspecify.annotations.NullMarked;
