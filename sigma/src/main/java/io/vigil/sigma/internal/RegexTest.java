package io.vigil.sigma.internal;

import com.google.re2j.Pattern;
import io.vigil.sigma.SigmaEvent;
import org.jspecify.annotations.Nullable;

/**
 * {@code |re}: a regular expression searched anywhere in the value. RE2/J runs in time linear in
 * the input, so no rule can hang the engine.
 *
 * <p>Before running the expression, the value is checked for the literal every match contains
 * ({@link Witnesses#requiredRun}, folded, compared ignoring case): most values lack it, and that
 * check is much cheaper than RE2/J's search.
 *
 * @param required the folded literal every match contains, or {@code null} when none is known
 */
public record RegexTest(
        Pattern pattern, String source, @Nullable String required) implements ValueTest {

    public RegexTest(Pattern pattern, String source) {
        this(pattern, source, foldedLiteral(source));
    }

    private static @Nullable String foldedLiteral(String source) {
        String literal = Witnesses.requiredRun(source);
        return literal == null || literal.isEmpty() ? null : Fold.fold(literal);
    }

    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        String text = Values.text(value);
        String literal = required;
        if (literal != null && !Fold.containsFolded(text, literal)) {
            return false;
        }
        return pattern.matcher(text).find();
    }

    @Override
    public String describe() {
        return "re '" + source + "'";
    }
}
