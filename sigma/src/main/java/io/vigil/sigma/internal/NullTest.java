package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;

/** {@code field: null}: matches an absent field or a null value, never the empty string. */
public record NullTest() implements ValueTest {
    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        return false;
    }

    @Override
    public boolean matchesMissing() {
        return true;
    }

    @Override
    public String describe() {
        return "null";
    }
}
