package io.vigil.server.intel;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an importer read: the indicators, and every entry it skipped with where and why. Importers
 * never throw on bad entries; they report them here and carry on. A document that cannot be read
 * at all (not JSON, too large) is a {@link #fail failure}.
 */
public final class ImportReport {

    /** Problems kept word for word; beyond this they are only counted. */
    public static final int MAX_PROBLEMS = 100;

    private final int maxIndicators;
    private final List<Indicator> indicators = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int entries;
    private int skipped;
    private int ignored;
    private int failures;
    private boolean full;

    /** A report that accepts at most {@code maxIndicators} indicators; later ones are skipped and reported once. */
    public ImportReport(int maxIndicators) {
        this.maxIndicators = maxIndicators;
    }

    /** Counts one entry read (an indicator object, an attribute, a CSV row). */
    void entry() {
        entries++;
    }

    /** Adds an indicator read from the current entry. */
    void add(Indicator indicator) {
        if (indicators.size() >= maxIndicators) {
            if (!full) {
                full = true;
                problem(
                        "(document)",
                        "more than " + maxIndicators + " indicators; the rest are skipped"
                                + " (vigil.intel.max-indicators-per-import)");
            } else {
                skipped++;
            }
            return;
        }
        indicators.add(indicator);
    }

    /** Reports an entry that was skipped: {@code where} is a line, an object id or a JSON path. */
    void problem(String where, @Nullable String message) {
        skipped++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(where + ": " + message);
        }
    }

    /** Counts an entry that is fine but holds nothing Vigil matches (a MISP comment, {@code to_ids: false}). */
    void ignore() {
        ignored++;
    }

    /** Reports that a whole document could not be read. */
    void fail(String where, @Nullable String message) {
        failures++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(where + ": " + (message == null ? "cannot be read" : message));
        }
    }

    public List<Indicator> indicators() {
        return List.copyOf(indicators);
    }

    /** The first {@link #MAX_PROBLEMS} problems, each {@code where: what}. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int entries() {
        return entries;
    }

    public int skipped() {
        return skipped;
    }

    /** Entries that hold nothing Vigil matches; not errors. */
    public int ignored() {
        return ignored;
    }

    /** Documents that could not be read at all. */
    public int failures() {
        return failures;
    }

    /** OK when nothing was skipped, FAILED when nothing was read and something failed, else PARTIAL. */
    public FeedRun.Status status() {
        if (failures > 0 && indicators.isEmpty()) {
            return FeedRun.Status.FAILED;
        }
        return failures == 0 && skipped == 0 ? FeedRun.Status.OK : FeedRun.Status.PARTIAL;
    }
}
