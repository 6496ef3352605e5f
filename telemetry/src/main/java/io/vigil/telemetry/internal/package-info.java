/** Shared internals of the parsers; not part of the API. */
@NullMarked
package io.vigil.telemetry.internal;

import org.jspecify.annotations.NullMarked;
