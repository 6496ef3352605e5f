package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;

/** {@code |lt}, {@code |lte}, {@code |gt}, {@code |gte}: numeric comparison. */
public record NumberTest(Comparison op, double bound, String source) implements ValueTest {
    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        Double n = Values.number(value);
        return n != null && op.holds(n, bound);
    }

    @Override
    public String describe() {
        return op.symbol() + " " + source;
    }
}
