package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;

/** One compiled value of a selection: decides whether a single event value matches. */
public sealed interface ValueTest
        permits StringTest, RegexTest, CidrTest, NumberTest, NullTest, FieldRefTest, TimePartTest {

    /**
     * Tests one non-null scalar value of the field.
     *
     * @param value the event's value (never a list: lists are tested element by element)
     * @param event the whole event, for field references
     * @param names field renames in effect
     */
    boolean test(Object value, SigmaEvent event, FieldNames names);

    /** Whether an absent field, or one with a {@code null} value, matches. */
    default boolean matchesMissing() {
        return false;
    }

    /** The rule-side value, for explanations. */
    String describe();
}
