package io.vigil.server.store;

import io.vigil.server.platform.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One condition on a field of the event, by its Sigma name ({@code CommandLine}, {@code
 * TargetFilename}). Comparisons ignore case. The name is checked against a strict form and then
 * bound as a parameter, never pasted into SQL.
 *
 * @param field the Sigma field name
 * @param op the comparison
 * @param value the value to compare with; {@code null} only for {@link Op#EXISTS}
 */
public record FieldPredicate(String field, Op op, @Nullable String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,99}");

    /** How the field is compared. */
    public enum Op {
        EQUALS,
        NOT_EQUALS,
        CONTAINS,
        STARTS_WITH,
        ENDS_WITH,
        EXISTS;

        /** Parses {@code equals}, {@code not_equals}, {@code contains}, … (any case, {@code -} or {@code _}). */
        public static Op parse(String name, String where) {
            String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Op op : values()) {
                if (op.name().equals(n) || op.name().replace("_", "").equals(n)) {
                    return op;
                }
            }
            throw new ValidationException(
                    where,
                    "Unknown operator '" + clip(name)
                            + "'; use one of equals, not_equals, contains, starts_with, ends_with, exists.");
        }
    }

    public FieldPredicate {
        if (!NAME.matcher(field).matches()) {
            throw new ValidationException(
                    "where.field",
                    "'" + clip(field) + "' is not a field name: use a Sigma field name such as CommandLine"
                            + " (a letter, then letters, digits, '_', '.', '-'; at most 100).");
        }
        if (op != Op.EXISTS && (value == null || value.isEmpty())) {
            throw new ValidationException("where.value", "The operator " + op + " on " + field + " needs a value.");
        }
        if (value != null && value.length() > 1000) {
            throw new ValidationException("where.value", "At most 1000 characters.");
        }
    }

    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
