/**
 * Sigma 2.1 rule engine: load rules from YAML text, validate them, and match events against an
 * indexed rule set.
 */
@NullMarked
package io.vigil.sigma;

import org.jspecify.annotations.NullMarked;
