package io.vigil.server.triage;

import io.vigil.server.detection.Alert;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.store.ProcessNode;
import io.vigil.server.store.ProcessTree;
import io.vigil.server.store.StoredEvent;
import io.vigil.server.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads an alert's features from its event in the telemetry store: the acting user, the process and
 * its ancestors (the store's process tree), and the other hosts the event points at.
 */
@Component
class FeatureReader {

    /** {@code \\HOST\share}, {@code sc \\HOST create}: a UNC host name. */
    private static final Pattern UNC = Pattern.compile("\\\\\\\\([A-Za-z0-9][A-Za-z0-9._-]{0,252})");
    /** {@code wmic /node:HOST} or {@code /node:"HOST"}. */
    private static final Pattern NODE = Pattern.compile("(?i)/node:\"?([A-Za-z0-9][A-Za-z0-9._-]{0,252})");
    /** Logon types of a logon from another machine: network, remote interactive. */
    private static final Set<String> REMOTE_LOGON = Set.of("3", "10");

    private final TelemetryStore store;

    FeatureReader(TelemetryStore store) {
        this.store = store;
    }

    /**
     * The alert's features; empty while its event is not in the store yet and the alert is younger
     * than {@code eventWait} (the store writer and the detection pipeline read the log apart).
     */
    Optional<AlertFeatures> read(Alert a, Instant now, Duration eventWait) {
        StoredEvent event = null;
        String eventId = a.eventId();
        if (eventId != null) {
            try {
                event = store.find(SystemActor.SYSTEM, a.tenant(), eventId);
            } catch (NotFoundException e) {
                if (now.isBefore(a.detectedAt().plus(eventWait))) {
                    return Optional.empty();
                }
            }
        }
        Map<String, String> fields = event == null ? Map.of() : event.fields();
        List<String> chain = chain(a, fields);
        return Optional.of(new AlertFeatures(
                a.id(),
                a.tenant(),
                a.asset(),
                eventId,
                a.eventTime(),
                a.ruleId(),
                a.ruleTitle(),
                a.level(),
                a.technology(),
                a.tactics(),
                a.techniques(),
                user(fields),
                chain,
                linkedHosts(fields, a.asset())));
    }

    private List<String> chain(Alert a, Map<String, String> fields) {
        String key = guid(first(fields, "ProcessGuid", "SourceProcessGuid"));
        if (key == null) {
            return List.of();
        }
        List<String> chain = new ArrayList<>();
        chain.add(key);
        try {
            ProcessTree tree = store.processTree(SystemActor.SYSTEM, a.tenant(), a.asset(), key);
            for (ProcessNode n : tree.ancestors()) {
                chain.add(n.key().toLowerCase(Locale.ROOT));
            }
        } catch (NotFoundException e) {
            // Not a process whose creation is stored (e.g. it started before the data): its parent's
            // GUID, when the event names it, is the chain.
            String parent = guid(fields.get("ParentProcessGuid"));
            if (parent != null) {
                chain.add(parent);
            }
        }
        return List.copyOf(new LinkedHashSet<>(chain));
    }

    static @Nullable String user(Map<String, String> fields) {
        String user = fields.get("User");
        if (user != null && !user.isBlank()) {
            return user.trim().toLowerCase(Locale.ROOT);
        }
        for (String prefix : List.of("Target", "Subject")) {
            String name = fields.get(prefix + "UserName");
            if (name != null && !name.isBlank() && !name.equals("-")) {
                String domain = fields.get(prefix + "DomainName");
                return ((domain == null || domain.isBlank() ? "" : domain + "\\") + name).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    static List<String> linkedHosts(Map<String, String> fields, String asset) {
        Set<String> hosts = new LinkedHashSet<>();
        String commandLine = fields.get("CommandLine");
        if (commandLine != null) {
            Matcher unc = UNC.matcher(commandLine);
            while (unc.find()) {
                hosts.add(unc.group(1).toLowerCase(Locale.ROOT));
            }
            Matcher node = NODE.matcher(commandLine);
            while (node.find()) {
                hosts.add(node.group(1).toLowerCase(Locale.ROOT));
            }
        }
        if (REMOTE_LOGON.contains(fields.getOrDefault("LogonType", ""))) {
            for (String f : List.of("WorkstationName", "IpAddress")) {
                String v = fields.get(f);
                if (v != null && !v.isBlank() && !v.equals("-") && !v.equals("127.0.0.1") && !v.equals("::1")) {
                    hosts.add(v.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        hosts.remove(asset.toLowerCase(Locale.ROOT));
        hosts.removeIf(h -> h.equals("localhost") || h.equals("."));
        return List.copyOf(hosts);
    }

    private static @Nullable String first(Map<String, String> fields, String... names) {
        for (String n : names) {
            String v = fields.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static @Nullable String guid(@Nullable String value) {
        if (value == null || value.chars().allMatch(c -> c == '0' || c == '-' || c == '{' || c == '}')) {
            return null;
        }
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
