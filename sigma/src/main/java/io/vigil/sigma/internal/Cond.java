package io.vigil.sigma.internal;

import java.util.List;

/** A parsed detection condition, with identifiers resolved to selection indexes. */
public sealed interface Cond {

    /** All operands hold. */
    record And(List<Cond> operands) implements Cond {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** Any operand holds. */
    record Or(List<Cond> operands) implements Cond {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** The operand does not hold. */
    record Not(Cond operand) implements Cond {}

    /** The search identifier {@code name} (at {@code index} in the detection) matches. */
    record Ref(String name, int index) implements Cond {}
}
