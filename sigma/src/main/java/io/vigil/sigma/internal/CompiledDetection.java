package io.vigil.sigma.internal;

import io.vigil.sigma.Evidence;
import io.vigil.sigma.SigmaEvent;
import java.util.List;

/** A detection section: named selections and the condition over them. */
public record CompiledDetection(List<String> names, List<SelectionMatcher> selections, Cond condition) {
    public CompiledDetection {
        names = List.copyOf(names);
        selections = List.copyOf(selections);
    }

    public boolean matches(SigmaEvent event, FieldNames fieldNames) {
        return eval(condition, event, fieldNames);
    }

    private boolean eval(Cond c, SigmaEvent event, FieldNames fieldNames) {
        return switch (c) {
            case Cond.Ref r -> selections.get(r.index()).matches(event, fieldNames);
            case Cond.Not n -> !eval(n.operand(), event, fieldNames);
            case Cond.And a -> {
                for (Cond op : a.operands()) {
                    if (!eval(op, event, fieldNames)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Cond.Or o -> {
                for (Cond op : o.operands()) {
                    if (eval(op, event, fieldNames)) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    /** Collects evidence from the selections that made the condition true (not those under not). */
    public void explain(SigmaEvent event, FieldNames fieldNames, List<Evidence> out) {
        explain(condition, event, fieldNames, out);
    }

    private void explain(Cond c, SigmaEvent event, FieldNames fieldNames, List<Evidence> out) {
        switch (c) {
            case Cond.Ref r -> {
                SelectionMatcher s = selections.get(r.index());
                if (s.matches(event, fieldNames)) {
                    s.explain(r.name(), event, fieldNames, out);
                }
            }
            case Cond.Not n -> {
                // negated parts explain nothing positive
            }
            case Cond.And a -> a.operands().forEach(op -> explain(op, event, fieldNames, out));
            case Cond.Or o -> {
                for (Cond op : o.operands()) {
                    if (eval(op, event, fieldNames)) {
                        explain(op, event, fieldNames, out);
                    }
                }
            }
        }
    }
}
