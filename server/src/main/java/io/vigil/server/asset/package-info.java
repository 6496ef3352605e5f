/**
 * Assets: the inventory of each tenant's endpoints and the fleet prevalence of what they run, both
 * kept up to date by the detection pipeline's enrich stage and read by analysts.
 *
 * <p><b>Why the inventory is fed by telemetry.</b> An asset exists because its telemetry arrived:
 * agent batches (source {@code AGENT}: the header's OS and product ride on every event as {@code
 * HostOs}, {@code AgentProduct}, {@code AgentVersion}) or shipper events (source {@code SHIPPER}:
 * {@code Computer}, ECS {@code host.*}, OTLP {@code resource.*}; the OS family from the event's
 * origin). {@link io.vigil.server.asset.AssetService#observe} merges a batch per asset in memory and
 * writes only what changed or a last sighting that moved by more than a minute, so a steady stream
 * costs one small upsert per asset per minute, not one per event. Attributes a source does not
 * name never overwrite known ones, and an asset once seen with an agent stays {@code AGENT}.
 * Criticality (LOW/NORMAL/HIGH/CRITICAL) is the one field people set; telemetry never touches it.
 *
 * <p><b>Why prevalence lives in the state database.</b> It is a small derived table (distinct
 * values × hosts, bounded by the 30-day window), read with tenant scope by the API and written in
 * the same transaction discipline as alerts. The telemetry database holds the raw events in
 * per-day partitions that retention drops whole; prevalence outlives any one day and must not be
 * dropped with it, and in cluster mode the telemetry database is the busy, append-only one.
 *
 * <p><b>Why counts are counted, not kept.</b> {@code prevalence_sightings} has one row per
 * (tenant, kind, value key, asset) with first/last seen; the host count is {@code COUNT(*)} of rows
 * seen within the window, computed when an alert or an analyst asks. A counter updated on insert
 * would be inflated by at-least-once redelivery and need decrementing when ageing; an upsert of the
 * same sighting changes nothing, so redelivery is harmless by construction. Reads are rare (only
 * for events that raise alerts), writes are deduplicated per batch and skipped when this process
 * wrote the same sighting within {@code vigil.assets.prevalence-resolution}.
 *
 * <p><b>Keys and display values.</b> Values are normalised (images lower-cased, hashes lower-case
 * hex, command lines trimmed) and keyed by the SHA-256 of the normalised value; the stored display
 * value is cut to {@code vigil.assets.max-value-length} with NUL and broken surrogates replaced, so a
 * 1 MB command line costs one hash and 1 KB of storage, and odd Unicode never fails a write
 * (PostgreSQL refuses NUL in text).
 *
 * <p><b>Time.</b> Sightings use the event's time, cut to now (a future clock cannot keep a row
 * alive) and ignored when older than the window; assets use the receive time (when Vigil last heard
 * from them). Ageing ({@link io.vigil.server.asset.PrevalenceAgeing}) deletes sightings and values
 * last seen before now minus the window, with the injected clock.
 */
@NullMarked
package io.vigil.server.asset;

import org.jspecify.annotations.NullMarked;
