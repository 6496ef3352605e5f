package io.vigil.sigma.internal;

/** A numeric comparison operator. */
public enum Comparison {
    LT("<"),
    LTE("<="),
    GT(">"),
    GTE(">="),
    EQ("=="),
    NEQ("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double left, double right) {
        return switch (this) {
            case LT -> left < right;
            case LTE -> left <= right;
            case GT -> left > right;
            case GTE -> left >= right;
            case EQ -> left == right;
            case NEQ -> left != right;
        };
    }

    static Comparison of(Modifier m) {
        return switch (m) {
            case LT -> LT;
            case LTE -> LTE;
            case GT -> GT;
            case GTE -> GTE;
            default -> EQ;
        };
    }
}
