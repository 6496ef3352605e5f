package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.util.List;

/** {@code |fieldref}: compares the value with another field of the same event. */
public record FieldRefTest(String otherField, StringTest.Kind kind, boolean cased) implements ValueTest {
    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        Object other = event.get(names.resolve(otherField));
        if (other == null) {
            return false;
        }
        if (other instanceof List<?> list) {
            for (Object o : list) {
                if (o != null && compare(value, o)) {
                    return true;
                }
            }
            return false;
        }
        return compare(value, other);
    }

    private boolean compare(Object value, Object other) {
        return StringTest.matchKind(kind, Values.text(value), Values.text(other), cased);
    }

    @Override
    public String describe() {
        return "fieldref " + otherField;
    }
}
