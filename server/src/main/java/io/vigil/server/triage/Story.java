package io.vigil.server.triage;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the telemetry store tells about a candidate, for its auto-written description. Every string
 * here is untrusted (it came from an endpoint) and is escaped when written.
 *
 * @param hosts the hosts involved
 * @param users the users involved, with their SIDs when recorded
 * @param chains process chains, oldest ancestor first, one per acting process (chains that are a
 *     prefix of another are left out)
 * @param commands the command lines run by those processes and their descendants, in start order
 * @param files files those processes created (or that their command lines name) on these hosts
 * @param alerts one line per rule: title, level and how many alerts
 * @param tactics ATT&amp;CK tactics
 * @param techniques ATT&amp;CK technique ids
 * @param first the earliest alert's event time
 * @param last the latest alert's event time
 */
public record Story(
        List<String> hosts,
        List<UserRef> users,
        List<Chain> chains,
        List<String> commands,
        List<FileRef> files,
        List<String> alerts,
        List<String> tactics,
        List<String> techniques,
        Instant first,
        Instant last) {

    public Story {
        hosts = List.copyOf(hosts);
        users = List.copyOf(users);
        chains = List.copyOf(chains);
        commands = List.copyOf(commands);
        files = List.copyOf(files);
        alerts = List.copyOf(alerts);
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
    }

    /** A user and their SID, if recorded. */
    public record UserRef(String name, @Nullable String sid) {}

    /** A process chain on one host, oldest first. */
    public record Chain(String host, List<Step> steps) {
        public Chain {
            steps = List.copyOf(steps);
        }
    }

    /** One process of a chain. */
    public record Step(
            String image,
            @Nullable String commandLine,
            @Nullable String user) {}

    /** A file created on a host, and by which process image. */
    public record FileRef(
            String host, String path, @Nullable String image) {}
}
