/**
 * Field-name and category mappings between input schemas and the Sigma taxonomy. The mappings are
 * data (resource files next to this package), not code.
 */
@NullMarked
package io.vigil.telemetry.mapping;

import org.jspecify.annotations.NullMarked;
