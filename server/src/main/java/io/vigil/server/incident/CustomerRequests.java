package io.vigil.server.incident;

import java.util.List;

/**
 * A page of the SOC's queue of customer requests awaiting a first answer.
 *
 * @param requests the earliest SLA due time first, each with its FIRST_ANSWER clock
 * @param total how many requests await an answer in the caller's scope (or the one tenant asked for)
 */
public record CustomerRequests(List<IncidentView> requests, long total) {

    /** The largest page. */
    public static final int MAX_PAGE = 200;

    public CustomerRequests {
        requests = List.copyOf(requests);
    }
}
