/**
 * The Vigil server: one process that runs the portal, the API and (in later issues) ingest, the
 * detection pipeline and incidents. One sub-package per capability; see ARCHITECTURE.md.
 */
@NullMarked
package io.vigil.server;

import org.jspecify.annotations.NullMarked;
