/**
 * The attack simulator ({@code vigil simulate}): scenarios as data ({@code simulator/*.ndjson},
 * Vigil agent events with placeholders), sent through the real agent ingest API.
 *
 * <p><b>Why through HTTP and not into the log.</b> A newcomer and the tests should see exactly what
 * a real agent causes: enrollment, the batch format, ingest's checks, the log, the store and the
 * detection pipeline. A shortcut into the log would test less and could drift from what agents do.
 *
 * <p><b>Why scenarios are data.</b> A detection engineer adds or edits a scenario without Java; the
 * header names the ATT&amp;CK techniques its detections must carry, which the tests check.
 */
@NullMarked
package io.vigil.server.simulate;

import org.jspecify.annotations.NullMarked;
