/**
 * Detection: Sigma rule packs and (in later issues) the pipeline stage that matches telemetry
 * against them. Today it holds the {@code vigil rules} command line ({@code check} and {@code
 * regress}) and the adapter that lets the Sigma engine read canonical telemetry events.
 */
@NullMarked
package io.vigil.server.detection;

import org.jspecify.annotations.NullMarked;
