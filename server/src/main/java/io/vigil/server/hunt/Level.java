package io.vigil.server.hunt;

import java.util.List;

/** Sigma levels in order, for {@code --min-level} and the summary. */
final class Level {

    static final List<String> ORDER = List.of("informational", "low", "medium", "high", "critical");

    private Level() {}

    /** Rank of a level; unknown and missing levels rank lowest. */
    static int rank(String level) {
        return ORDER.indexOf(level);
    }
}
