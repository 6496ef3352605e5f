package io.vigil.server.store;

import org.jspecify.annotations.Nullable;

/** A process-creation event read for a process tree, with the parent image its fields name. */
record NodeRow(ProcessNode node, @Nullable String parentImage) {}
