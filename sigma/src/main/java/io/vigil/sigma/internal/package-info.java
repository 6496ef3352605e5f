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
 *   <li>Substring witnesses are found by filtration ({@code GramSearch}), not by walking an
 *       Aho–Corasick automaton. On this kind of machine the engine is bound by memory latency,
 *       not instructions: a random load that misses the caches costs 100–300 ns, and the compiled
 *       rule set (90–160 MB) is far larger than the caches. An automaton walk is one data-dependent
 *       load per char into tables of up to 4 MB (the {@code CommandLine} automaton of process
 *       creation: 7,542 patterns, 33,000 nodes), so scans missed the caches on most chars. The
 *       filter keeps one gram of four chars per pattern (the one least likely in event text,
 *       weighted down when many patterns share it) in a bit set of 64 bits per pattern, reads the
 *       text once with a shift, a multiply and one bit test per char, and compares patterns with
 *       the text only where a bit is set; when every pattern is long it looks only at every k-th
 *       char (each pattern indexed by k consecutive grams). Measured: about 1.5–2× the events per
 *       CPU second of the automata with their rare-pair and start-pair filters, and 47 MB of heap
 *       instead of 159 MB (such a set builds no trie). Aho–Corasick stays for prefix and suffix walks (bounded by the pattern
 *       length) and for sets holding a one-char pattern. A two-char prefilter in front of the large
 *       bit sets (2 KB, to touch fewer lines) was tried and measured slower; not kept.
 *   <li>For the same reason the per-literal data are flat: all of a field's literal targets in one
 *       array ({@code Bucket.Targets}), a gram's pattern, offset and length in one long, and a set
 *       bit's entries found by a rank table and a popcount instead of a binary search.
 *   <li>What a field value marks is remembered per thread ({@code FoldCache#remembered}): values
 *       repeat from event to event (images, parents, users, DLL and registry paths), and a hit
 *       costs a hash and an equals instead of the exact-map probe, the gram scan and the trie walks,
 *       the cold-memory work above. Direct-mapped, 4,096 slots, values up to 512 chars; keyed by the
 *       literal set's id, because one value means different things in different fields. Measured:
 *       from 57,000–107,000 to 140,000–156,000 events per CPU second on the mix, also with a
 *       200,000-event stream that cannot replay the memo by cycling.
 * </ul>
 */
@NullMarked
package io.vigil.sigma.internal;

import org.jspecify.annotations.NullMarked;
