/**
 * The MITRE ATT&amp;CK Enterprise catalog: tactics, techniques and sub-techniques with their names,
 * technique to tactics, deprecated and revoked ids (with their replacements). Loaded from a compact
 * resource derived from the ATT&amp;CK data set ({@code enterprise-attack.tsv}); resolves Sigma tags
 * such as {@code attack.t1003.001} and {@code attack.credential-access}, and keeps ids it does not
 * know (a newer ATT&amp;CK version) as they are.
 */
@NullMarked
package io.vigil.server.detection.attack;

import org.jspecify.annotations.NullMarked;
