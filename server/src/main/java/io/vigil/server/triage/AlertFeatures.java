package io.vigil.server.triage;

import io.vigil.server.detection.Alert;
import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What triage keeps of an alert and its event: the input of grouping and the features of a verdict.
 *
 * @param alertId the alert
 * @param tenant its tenant
 * @param asset the host (lower case, as stored)
 * @param eventId the triggering event, if any
 * @param eventTime when that event happened
 * @param ruleId the rule
 * @param ruleTitle the rule's title
 * @param level the rule's level
 * @param technology how it was detected
 * @param tactics ATT&amp;CK tactics
 * @param techniques ATT&amp;CK technique ids
 * @param user the acting user ({@code DOMAIN\name}, lower case), if the event names one
 * @param processChain the acting process's key first, then its ancestors' keys (lower case); empty
 *     when the event names no process
 * @param linkedHosts other hosts the event points at (lower case): targets of {@code \\host\share},
 *     {@code sc \\host}, {@code /node:host}, the source of a network logon
 */
public record AlertFeatures(
        String alertId,
        TenantId tenant,
        String asset,
        @Nullable String eventId,
        Instant eventTime,
        String ruleId,
        String ruleTitle,
        String level,
        Alert.Technology technology,
        List<String> tactics,
        List<String> techniques,
        @Nullable String user,
        List<String> processChain,
        List<String> linkedHosts) {

    public AlertFeatures {
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        processChain = List.copyOf(processChain);
        linkedHosts = List.copyOf(linkedHosts);
    }

    /** The acting process's key, if any. */
    public @Nullable String processKey() {
        return processChain.isEmpty() ? null : processChain.getFirst();
    }
}
