package io.vigil.server.detection;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of alerts.
 *
 * @param alerts newest first
 * @param nextCursor pass it back for the next page; {@code null} when there are no more
 */
public record AlertPage(List<Alert> alerts, @Nullable String nextCursor) {
    public AlertPage {
        alerts = List.copyOf(alerts);
    }
}
