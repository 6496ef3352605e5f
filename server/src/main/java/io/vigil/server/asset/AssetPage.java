package io.vigil.server.asset;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of a tenant's assets, by asset id.
 *
 * @param assets in asset id order
 * @param nextCursor pass it back for the next page; {@code null} when there are no more
 */
public record AssetPage(List<Asset> assets, @Nullable String nextCursor) {
    public AssetPage {
        assets = List.copyOf(assets);
    }
}
