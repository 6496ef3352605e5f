/**
 * Detection: Sigma rule packs and (in later issues) the pipeline stage that matches telemetry
 * against them. Today it holds Vigil's own IoA rule pack ({@link io.vigil.server.detection.VigilIoaPack}),
 * the {@code vigil rules} command line ({@code check} and {@code regress}), the adapter that lets
 * the Sigma engine read canonical telemetry events, and (in {@code attack}) the ATT&amp;CK catalog.
 */
@NullMarked
package io.vigil.server.detection;

import org.jspecify.annotations.NullMarked;
