/**
 * Incidents: what the SOC publishes to a customer about an attack, or what a customer asks the SOC
 * to investigate; their lifecycle, history, conversation (Markdown comments and attachments), SLA
 * clocks and retention. Field names and enums follow the MDR API v1 incident object
 * ({@code ../shared/reference/mdr-api-v1.md}), so the compatibility API maps onto this model.
 *
 * <p><b>Pure cores.</b> {@link IncidentLifecycle} (which status may follow which, when a resolution
 * is needed), {@link SlaClock} and {@link SlaReport} (clocks and compliance from times alone),
 * {@link Markdown} and {@link AttachmentNames} are plain Java with plain unit tests; the services
 * add roles, transactions, history and audit.
 *
 * <p><b>Why one history line per changed field.</b> The history answers "who changed what, when,
 * from what to what" for every mutation; a line per field (with the value before and after) shows
 * in order, filters by time and exports to CSV without interpretation. History lines are written in
 * the same transaction as the change, so there is no change without its line. Read marks are not
 * changes (nothing about the incident changes) and have no line.
 *
 * <p><b>Why customers see "published or their own".</b> The SOC works on an incident before it
 * notifies the customer; publishing is the notification (and stops the SLA clock). An incident a
 * customer created is theirs from the start. Everything else of a tenant is hidden from its users
 * exactly like another tenant's data: 404, not 403.
 *
 * <p><b>Why attachments are stored in the state database.</b> Attachments are at most 10 MB and
 * few; a {@code BLOB}/{@code BYTEA} row is written in the same transaction as its history line (an
 * upload refused or failed leaves nothing behind), works the same in embedded and cluster mode
 * without a shared folder, and is backed up and purged with the rest of the incident. The size is
 * checked while the upload is read (the reader stops one byte past the limit), the SHA-256 is kept
 * with the row, and downloads are served as {@code attachment} with {@code nosniff}, a sandboxing
 * CSP and a content type from a short allow-list ({@code application/octet-stream} otherwise).
 *
 * <p><b>Why Markdown goes through two sanitising steps.</b> commonmark-java escapes raw HTML and
 * drops unsafe link schemes; jsoup's allow-list cleaner then keeps only formatting tags and
 * http/https/mailto links. Each alone removes scripts, event handlers and {@code javascript:} links;
 * together a mistake in one is caught by the other.
 *
 * <p><b>SLA.</b> A service incident's clock runs from the detection time of its earliest alert (its
 * creation time without alerts) to publishing; a customer-created incident's from its creation to
 * the SOC's first comment. Targets per priority (1 h / 4 h / 24 h) can be overridden per tenant;
 * from 75 % of the target a running clock is WARNING. Incidents resolved or closed without the
 * stopping event (a false positive never published) are CANCELLED and not counted.
 *
 * <p><b>Why optimistic locking with a version column.</b> Analysts, customers and jobs change the
 * same incident; a change is computed from the incident as read and then written whole. Every write
 * is {@code UPDATE … SET version = version + 1 WHERE version = <the version read>}: a write that lost
 * a race changes no row and its transaction is retried from a fresh read (so concurrent edits of
 * different fields never undo each other), and a caller that sent the version it saw ({@code
 * If-Match}) gets 412 instead of overwriting a change it has not seen. A version counter, not
 * {@code updateTime}: two writes in the same millisecond must still differ.
 *
 * <p><b>Why customer requests are queued from the incidents table.</b> The SOC's queue of customer
 * requests ({@link IncidentService#awaitingAnswer}) is a query — customer-created, open or on hold,
 * no first answer — ordered by the SLA due time computed in SQL with each tenant's targets. There
 * is no queue row to keep in step with comments and status changes, and triage (which must not
 * depend on incidents) does not need to know about it: the API lists it beside the triage queue.
 *
 * <p><b>Retention.</b> A closed incident last changed longer ago than its tenant's retention (1
 * year by default) is deleted with its history, comments and attachments. Incidents that are still
 * open are kept however old they are: their history is still in use.
 */
@NullMarked
package io.vigil.server.incident;

import org.jspecify.annotations.NullMarked;
