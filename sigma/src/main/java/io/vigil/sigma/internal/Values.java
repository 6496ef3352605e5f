package io.vigil.sigma.internal;

import org.jspecify.annotations.Nullable;

/** Conversions of event values for comparison. */
final class Values {
    private Values() {}

    /** The text Sigma compares: numbers without a fraction print as integers. */
    static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case Long l -> Long.toString(l);
            case Integer i -> Integer.toString(i);
            case Double d when d == Math.rint(d) && !Double.isInfinite(d) -> Long.toString(d.longValue());
            case Float f when f == Math.rint(f) && !Float.isInfinite(f) -> Long.toString(f.longValue());
            default -> String.valueOf(value);
        };
    }

    /** The numeric value, or {@code null} when the value is not a number. */
    static @Nullable Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String s = text(value).trim();
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return (double) Long.parseLong(s.substring(2), 16);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
