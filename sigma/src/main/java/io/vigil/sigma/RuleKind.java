package io.vigil.sigma;

/** The three kinds of Sigma rule documents. */
public enum RuleKind {
    /** A rule with a {@code detection} section. */
    DETECTION,
    /** A {@code correlation} rule over other rules' matches. */
    CORRELATION,
    /** A {@code filter} (meta) rule applied as AND NOT to the rules it names. */
    FILTER
}
