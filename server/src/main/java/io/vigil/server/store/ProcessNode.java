package io.vigil.server.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One process in a tree, from its process-creation event. A parent known only from its child's
 * fields (its creation is not in the store) has no event id and no start time.
 *
 * @param key the process key: the ProcessGuid, or {@code pid:<asset>:<pid>:<start ms>} when the
 *     source has no GUID (Security 4688, auditd)
 * @param parentKey the parent's key when known
 * @param depth 0 for the process asked about; negative for ancestors, positive for descendants
 * @param eventId the process-creation event, if stored
 * @param startTime when the process started, if known
 * @param pid the process id
 * @param parentPid the parent's process id
 * @param image the executable
 * @param commandLine the command line
 * @param user the user it ran as
 */
public record ProcessNode(
        String key,
        @Nullable String parentKey,
        int depth,
        @Nullable String eventId,
        @Nullable Instant startTime,
        @Nullable Long pid,
        @Nullable Long parentPid,
        @Nullable String image,
        @Nullable String commandLine,
        @Nullable String user) {

    ProcessNode atDepth(int d) {
        return new ProcessNode(key, parentKey, d, eventId, startTime, pid, parentPid, image, commandLine, user);
    }

    ProcessNode withParentKey(@Nullable String parent) {
        return new ProcessNode(key, parent, depth, eventId, startTime, pid, parentPid, image, commandLine, user);
    }
}
