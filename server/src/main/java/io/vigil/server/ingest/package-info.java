/**
 * Telemetry ingest: the endpoints agents and log shippers send to, their credentials, and the
 * durable telemetry log.
 *
 * <p><b>Acknowledge after a durable write.</b> Every endpoint parses the body with the {@code
 * telemetry} library's parsers, appends the accepted events to the {@link
 * io.vigil.server.ingest.TelemetryLog} in chunks, and answers only after the last chunk's commit
 * (SQLite with {@code synchronous=FULL}, or PostgreSQL). Consumers (the telemetry store writer, the
 * detection pipeline) read the log from their committed offset, so a crash after the answer loses
 * nothing and a crash before it makes the sender retry.
 *
 * <p><b>Idempotence.</b> Event ids are derived from the record's identity (see {@link
 * io.vigil.telemetry.EventId}); the log refuses an id it still holds and the store refuses one it has
 * stored, so a retried batch adds nothing. The response says how many were duplicates.
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
