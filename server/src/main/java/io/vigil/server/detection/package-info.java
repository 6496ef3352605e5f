/**
 * Detection: the Sigma rule packs (Vigil's own IoA pack, {@link VigilIoaPack}; SigmaHQ and rule
 * folders), the pipeline stage that matches telemetry against them, and the alerts it raises; also
 * the {@code vigil rules} command line ({@code check}, {@code regress}, {@code update}), the
 * adapter that lets the Sigma engine read canonical telemetry events, and (in {@code attack}) the
 * ATT&amp;CK catalog.
 *
 * <p><b>Why the pipeline is a telemetry-log consumer.</b> {@link DetectionPipeline} is one more
 * {@link io.vigil.server.ingest.TelemetryLogHandler}: it reads the durable log from its own
 * committed position, at least once, beside the store writer. It never reads the store, so
 * detection does not wait for (or depend on) store writes, and a slow rule set shows up as its own
 * consumer lag ({@code vigil_telemetry_log_lag{consumer="detection"}}), not as slow ingest.
 *
 * <p><b>Why alerts are idempotent by key.</b> At-least-once delivery means an event may be matched
 * twice (a crash between storing alerts and committing the position). The alert key ({@code
 * sigma:<rule id>:<event id>}) is unique per tenant and the alert id is a name-based UUID of it, so
 * the second match is an insert that does nothing.
 *
 * <p><b>Why correlation windows are saved at checkpoints, and the position committed only then.</b>
 * Correlation state ({@link CorrelationStage}) depends on every event before it, so it must match
 * the log position exactly: saved windows that ran ahead of the committed position would count the
 * re-read events twice, windows behind it would miss events. Saving on every batch would cost a
 * write per batch; instead the pipeline tells the consumer runner ({@link
 * io.vigil.server.ingest.TelemetryLogHandler#checkpoint}) to hold the commit until the windows are
 * saved (every few seconds, and at once when no window changed), and after a restart or rewind
 * ({@link io.vigil.server.ingest.TelemetryLogHandler#restart}) it reloads them. A crash costs
 * re-reading a few seconds of log, never a lost or doubled count; correlation alerts are keyed by
 * rule, group-by values and window start, so re-firing adds nothing. One engine per tenant keeps
 * tenants' events out of each other's windows, and an engine built for a reloaded rule set takes
 * over the windows of the correlations that still exist.
 *
 * <p><b>Why rules are swapped, not edited.</b> {@link RulePacks} compiles a whole new rule set and
 * swaps one reference; a batch in flight finishes with the rules it started with. A reload that
 * fails keeps the old rules in force.
 *
 * <p><b>Why enrichment comes first and is a snapshot.</b> {@link AlertEnricher} records each batch
 * in the asset inventory and fleet prevalence ({@code io.vigil.server.asset}) before the rules see
 * it, so an alert's own event is counted and a binary first run by this very event is {@code
 * firstSeenInFleet}. Lookups (asset record, prevalence, IoC hits) run only for events that raised an
 * alert, once per event, and are stored with the alert as JSON: what the analyst sees is what the
 * pipeline knew then, not a number that drifts as the fleet changes. Both writes are idempotent
 * upserts, so redelivery neither inflates counts nor changes an alert (its key is unchanged and the
 * second insert does nothing).
 *
 * <p><b>Why a tenant with its own settings gets a whole compiled set.</b> Sigma filter rules apply
 * as AND NOT inside the compiled rule they name, and placeholder values are bound when a rule is
 * parsed, so a tenant's exclusions and placeholders cannot be layered over the shared set; {@link
 * TenantRuleSets} compiles the shared rule texts (kept by {@link RulePacks}) with the tenant's texts
 * and settings. Tenants without settings share the one set, so the cost (time and heap, measured in
 * docs/detection-rules.md) is paid only per customised tenant. Switched-off rules and packs stay
 * loaded but out of the index, so exclusions and correlations naming them still resolve and
 * switching a pack off never breaks a tenant's texts.
 *
 * <p><b>Why a change is validated by compiling it.</b> The only complete check of a Sigma text is
 * the engine's own compile with everything it may reference; {@link TenantRulesService} runs exactly
 * the compile that produces the tenant's next rule set, refuses the change with every problem (text,
 * line, message) before storing anything, and otherwise stores it (bumping the tenant's revision,
 * optimistic concurrency), audits it and swaps the compiled set in before answering: the next event
 * meets it, with no compile on the pipeline thread.
 */
@NullMarked
package io.vigil.server.detection;

import org.jspecify.annotations.NullMarked;
