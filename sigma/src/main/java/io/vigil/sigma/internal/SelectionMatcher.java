package io.vigil.sigma.internal;

import io.vigil.sigma.Evidence;
import io.vigil.sigma.SigmaEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The compiled form of a search identifier and its parts. */
public sealed interface SelectionMatcher {

    boolean matches(SigmaEvent event, FieldNames names);

    /** Adds the matching values to {@code out}; call only when {@link #matches} is true. */
    void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out);

    /** A map: every entry must match. */
    record AllOf(List<SelectionMatcher> parts) implements SelectionMatcher {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            for (SelectionMatcher p : parts) {
                if (!p.matches(event, names)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            for (SelectionMatcher p : parts) {
                p.explain(selection, event, names, out);
            }
        }
    }

    /** A list of maps: any element may match. */
    record AnyOf(List<SelectionMatcher> parts) implements SelectionMatcher {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            for (SelectionMatcher p : parts) {
                if (p.matches(event, names)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            for (SelectionMatcher p : parts) {
                if (p.matches(event, names)) {
                    p.explain(selection, event, names, out);
                    return;
                }
            }
        }
    }

    /**
     * {@code field|modifiers: values}. Values are ORed ({@code all}: ANDed); {@code neq} negates
     * the whole test. A multi-valued field matches when any element does.
     */
    record Field(String field, List<ValueTest> tests, boolean all, boolean negate) implements SelectionMatcher {
        public Field {
            tests = List.copyOf(tests);
        }

        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            Object value = event.get(names.resolve(field));
            boolean hit = all ? allMatch(value, event, names) : firstMatch(value, event, names) != null;
            return hit != negate;
        }

        private boolean allMatch(@Nullable Object value, SigmaEvent event, FieldNames names) {
            for (ValueTest t : tests) {
                if (!testValue(t, value, event, names)) {
                    return false;
                }
            }
            return !tests.isEmpty();
        }

        @Nullable
        ValueTest firstMatch(@Nullable Object value, SigmaEvent event, FieldNames names) {
            for (ValueTest t : tests) {
                if (testValue(t, value, event, names)) {
                    return t;
                }
            }
            return null;
        }

        static boolean testValue(ValueTest t, @Nullable Object value, SigmaEvent event, FieldNames names) {
            if (value == null) {
                return t.matchesMissing();
            }
            if (value instanceof List<?> list) {
                for (Object o : list) {
                    if (o == null ? t.matchesMissing() : t.test(o, event, names)) {
                        return true;
                    }
                }
                return false;
            }
            return t.test(value, event, names);
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            String name = names.resolve(field);
            Object value = event.get(name);
            String shown = value == null ? "null" : String.valueOf(value);
            if (negate) {
                out.add(new Evidence(selection, name, "neq " + describeAll(), shown));
                return;
            }
            for (ValueTest t : tests) {
                if (testValue(t, value, event, names)) {
                    out.add(new Evidence(selection, name, t.describe(), shown));
                    if (!all) {
                        return;
                    }
                }
            }
        }

        private String describeAll() {
            return String.join(" | ", tests.stream().map(ValueTest::describe).toList());
        }
    }

    /** {@code field|exists: true/false}: presence only, whatever the value. */
    record Exists(String field, boolean expected) implements SelectionMatcher {
        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            return event.has(names.resolve(field)) == expected;
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            out.add(new Evidence(selection, names.resolve(field), "exists " + expected, String.valueOf(expected)));
        }
    }

    /** A keyword search over every value of the event; values ORed ({@code all}: ANDed). */
    record Keywords(List<ValueTest> tests, boolean all) implements SelectionMatcher {
        public Keywords {
            tests = List.copyOf(tests);
        }

        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            if (all) {
                for (ValueTest t : tests) {
                    if (firstValue(t, event, names) == null) {
                        return false;
                    }
                }
                return true;
            }
            for (ValueTest t : tests) {
                if (firstValue(t, event, names) != null) {
                    return true;
                }
            }
            return false;
        }

        private static @Nullable Object firstValue(ValueTest t, SigmaEvent event, FieldNames names) {
            Object[] found = new Object[1];
            event.forEachValue(v -> {
                if (found[0] == null && t.test(v, event, names)) {
                    found[0] = v;
                }
            });
            return found[0];
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            for (ValueTest t : tests) {
                Object v = firstValue(t, event, names);
                if (v != null) {
                    out.add(new Evidence(selection, "", t.describe(), String.valueOf(v)));
                    if (!all) {
                        return;
                    }
                }
            }
        }
    }
}
