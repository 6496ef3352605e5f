/**
 * Triage: the SOC workbench between alerts and incidents. Every alert gets a score (0-100) with an
 * explanation, related alerts are grouped into incident candidates, and analysts work the queue of
 * candidates: dismiss as a false positive (the verdict is training data), promote to an incident,
 * or merge into one. A tenant's auto-publish policy promotes high-confidence candidates by itself.
 *
 * <p><b>Why a scheduled job, not a pipeline stage.</b> {@link TriageJob} picks up alerts that have
 * no triage row yet; the row is the marker, so a run is idempotent and a crash only delays scoring.
 * Detection stays untouched, and scoring can read the alert's event from the telemetry store, which
 * the store writer fills independently of detection: an alert waits up to {@code
 * vigil.triage.event-wait} for its event before it is scored without the event's features.
 *
 * <p><b>Why the score sits behind {@link TriageScorer}.</b> Today's {@link RuleBasedScorer} adds
 * fixed points per factor; a learned model trained on the stored verdicts replaces it. Each factor
 * is written into the explanation even when it is absent or unknown (asset criticality and fleet
 * prevalence need enrichment that alerts do not carry yet; {@link TriageContext} has their slots),
 * so an analyst can check every score.
 *
 * <p><b>Why grouping is recomputed, not incremental.</b> {@link CandidateGrouper} is a pure
 * function from a tenant's open alerts to candidates (connected components of "related": same host
 * or user within the window, same process tree, lateral movement). A candidate's id derives from its
 * earliest alert, so recomputing gives the same ids; when a new alert joins two candidates, the
 * later one's id disappears into the earlier one. Decided candidates are frozen: their alerts never
 * move again, and new alerts form new candidates.
 *
 * <p><b>Why incidents come through {@link IncidentSink}.</b> Triage must not depend on the incident
 * capability (no cycles between capabilities); the incident service implements the sink. Without a
 * sink bean, promote and merge answer 503 and auto-publish leaves candidates queued. Manual and
 * automatic publishing share {@link Publisher}, so both leave the same record.
 *
 * <p><b>Descriptions</b> are written by {@link DescriptionWriter} (pure) from a {@link Story} that
 * {@link StoryReader} gathers from the telemetry store (process trees, file events). Every value
 * from an endpoint is written as a Markdown code span, so command lines cannot inject Markdown or
 * HTML.
 */
@NullMarked
package io.vigil.server.triage;

import org.jspecify.annotations.NullMarked;
