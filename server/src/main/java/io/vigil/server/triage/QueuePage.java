package io.vigil.server.triage;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the SOC queue.
 *
 * @param candidates highest score first
 * @param total how many candidates match
 * @param nextOffset the offset of the next page; {@code null} on the last page
 */
public record QueuePage(
        List<Candidate> candidates, long total, @Nullable Integer nextOffset) {
    public QueuePage {
        candidates = List.copyOf(candidates);
    }
}
