package io.vigil.server.asset;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A value's fleet prevalence with one page of the assets that ran it.
 *
 * @param prevalence the counts
 * @param assets the assets that ran it within the window, by asset id
 * @param nextCursor pass it back for the next page of assets; {@code null} when there are no more
 */
public record PrevalenceReport(
        PrevalenceCount prevalence,
        List<PrevalenceHost> assets,
        @Nullable String nextCursor) {
    public PrevalenceReport {
        assets = List.copyOf(assets);
    }
}
