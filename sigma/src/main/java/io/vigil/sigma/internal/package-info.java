/** Internals of the Sigma engine: parser, AST, matchers and index. Not an API. */
@NullMarked
package io.vigil.sigma.internal;

import org.jspecify.annotations.NullMarked;
