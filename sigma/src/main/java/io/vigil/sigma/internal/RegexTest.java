package io.vigil.sigma.internal;

import com.google.re2j.Pattern;
import io.vigil.sigma.SigmaEvent;

/**
 * {@code |re}: a regular expression searched anywhere in the value. RE2/J runs in time linear in
 * the input, so no rule can hang the engine.
 */
public record RegexTest(Pattern pattern, String source) implements ValueTest {
    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        return pattern.matcher(Values.text(value)).find();
    }

    @Override
    public String describe() {
        return "re '" + source + "'";
    }
}
