package io.vigil.server.store;

import java.util.List;

/**
 * A process with its ancestors and descendants on one asset.
 *
 * @param asset the asset
 * @param process the process asked about (depth 0)
 * @param ancestors parent first, then its parent, up to the oldest one the data knows
 * @param descendants breadth first; each names its parent by {@link ProcessNode#parentKey()}
 * @param truncated whether descendants were cut at the node limit
 */
public record ProcessTree(
        String asset,
        ProcessNode process,
        List<ProcessNode> ancestors,
        List<ProcessNode> descendants,
        boolean truncated) {

    public ProcessTree {
        ancestors = List.copyOf(ancestors);
        descendants = List.copyOf(descendants);
    }
}
