/**
 * Internals of the Sigma engine: parser, AST, matchers and index. Not an API.
 *
 * <p>Why the hot path looks the way it does (see docs/performance.md, "Sigma matching"):
 *
 * <ul>
 *   <li>Field names are interned to slots when rules are compiled ({@code FieldSlots}), and the
 *       per-event cache ({@code FoldCache}) is arrays indexed by slot, stamped with a per-event
 *       generation and reused by the thread: no hash map and no allocation per event for it. The
 *       {@link io.vigil.sigma.SigmaEvent} interface is unchanged, so every adapter (the server's
 *       canonical events included) gets this without knowing about slots; the event itself is
 *       still asked once per field and event, by name.
 *   <li>An index entry needs two necessary clauses, not one ({@code Witnesses.Plan}): most rules
 *       AND a common value ({@code ParentImage|endswith: \svchost.exe}, {@code Company: Microsoft
 *       Corporation}) with a rare one, and the best single clause was often the common one, so 17
 *       of 3,141 rules were evaluated per process creation of the mix. Both clauses' witnesses go
 *       into the same per-field automata (one scan per field; scanning the second clause lazily,
 *       only for events the first left a candidate, measured slower). Vetoes: a conjunct {@code not
 *       X} whose X is true as soon as one exactly decidable value is found (a case-insensitive
 *       equals/startswith/endswith/contains of an ORed field, an operand of {@code 1 of}) removes
 *       the entry when that value is found, which turns the rules without any positive literal
 *       ({@code not filter_main_*} only) from always evaluated into evaluated when no filter holds.
 *       Both only remove candidates whose evaluation would be false, so results do not change
 *       (the reasoning for renamed fields is in {@code Bucket}; indexed == naive is tested).
 *   <li>The index only proves a rule possible; rule evaluation then costs as much as the index.
 *       A field's ORed literals of one kind are one automaton walk ({@code SelectionMatcher.Field}),
 *       and a route entry whose variant no earlier variant of its rule can accept skips the
 *       per-event variant checks ({@code RuleIndex.Entry#decisive}).
 *   <li>Most event text contains no pattern, so substring automata reject whole texts first: the
 *       rarest-pair filter ({@code RarePairs}) in one tight pass, then the start-pair skip inside
 *       the scan. The large {@code CommandLine} automaton of process creation needs too many pairs
 *       for a whole-text filter to reject anything on the realistic mix; it keeps the start-pair
 *       skip only.
 * </ul>
 */
@NullMarked
package io.vigil.sigma.internal;

import org.jspecify.annotations.NullMarked;
