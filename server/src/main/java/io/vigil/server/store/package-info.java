/**
 * The telemetry store: every event kept per tenant and UTC day for hunting queries, process trees
 * and retention ({@link io.vigil.server.store.TelemetryStore}).
 *
 * <p><b>Why one table (or partition) per tenant per day.</b> Retention is per tenant and counted in
 * days, so expiry is {@code DROP TABLE} of whole tenant-days: instant, no vacuum debt, no long
 * delete holding the write lock. A query names one tenant and a bounded time range, so it touches
 * only that tenant's day tables in range, found through the partition catalog (which also keeps each
 * partition's event-time bounds). A tenant can never leak into another's query, because their rows
 * are in different tables. On SQLite that is one table per tenant-day ({@code ev_<tenantNo>_<yyyymmdd>});
 * on PostgreSQL declarative partitioning (LIST by tenant number, then RANGE by day), so the planner
 * prunes the same way and operators see one logical {@code events} table. Table names use a small
 * tenant number from the catalog, never the (case-sensitive, user-chosen) tenant id.
 *
 * <p><b>Why keyset paging.</b> Events arrive all the time and pages are deep; an {@code OFFSET}
 * re-reads everything before the page and shifts when new events land. The cursor is the (event
 * time, event id) of a page's last event, and the next page starts strictly after it in the order
 * newest first, so pages never repeat or skip events and each costs an index seek.
 *
 * <p><b>Writes</b> are batches from the ingest pipeline's consumer: partitions are made sure of
 * first (cached; DDL under an in-process lock and, on PostgreSQL, {@code pg_advisory_xact_lock}),
 * then all rows go in one transaction of prepared batch inserts that ignore event ids already
 * present, which makes at-least-once delivery idempotent.
 */
@NullMarked
package io.vigil.server.store;

import org.jspecify.annotations.NullMarked;
