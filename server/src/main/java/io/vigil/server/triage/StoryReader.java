package io.vigil.server.triage;

import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.store.EventPage;
import io.vigil.server.store.EventQuery;
import io.vigil.server.store.ProcessNode;
import io.vigil.server.store.ProcessTree;
import io.vigil.server.store.StoredEvent;
import io.vigil.server.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Gathers a candidate's {@link Story} from the telemetry store: the process tree of each alert's
 * acting process, the files those processes created (or whose paths their command lines name), the
 * commands run, users with their SIDs.
 */
@Component
class StoryReader {

    private static final List<String> SID_FIELDS = List.of("UserSid", "SubjectUserSid", "TargetUserSid", "Sid");
    private static final int MAX_FILES = 50;

    private final TelemetryStore store;
    private final TriageProperties properties;

    StoryReader(TelemetryStore store, TriageProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    Story read(TenantId tenant, List<TriagedAlert> alerts) {
        List<AlertFeatures> features =
                alerts.stream().map(TriagedAlert::features).toList();
        Instant first = features.stream()
                .map(AlertFeatures::eventTime)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = features.stream()
                .map(AlertFeatures::eventTime)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Set<String> hosts = new TreeSet<>();
        Map<String, @Nullable String> users = new LinkedHashMap<>();
        List<Story.Chain> chains = new ArrayList<>();
        List<ProcessNode> processes = new ArrayList<>();
        Set<String> seenProcesses = new LinkedHashSet<>();
        for (AlertFeatures a : features) {
            hosts.add(a.asset());
            String user = a.user();
            StoredEvent event = event(tenant, a.eventId());
            if (user != null) {
                String sid = sid(event);
                if (sid != null) {
                    users.put(user, sid);
                } else {
                    users.putIfAbsent(user, null);
                }
            }
            String key = a.processKey();
            if (key == null || !seenProcesses.add(a.asset() + "\n" + key)) {
                continue;
            }
            ProcessTree tree;
            try {
                tree = store.processTree(SystemActor.SYSTEM, tenant, a.asset(), key);
            } catch (NotFoundException e) {
                continue;
            }
            List<ProcessNode> line = new ArrayList<>(tree.ancestors().reversed());
            line.add(tree.process());
            processes.addAll(line);
            processes.addAll(tree.descendants());
            chains.add(new Story.Chain(a.asset(), steps(tenant, line)));
        }
        List<String> commands = new ArrayList<>();
        List<ProcessNode> byStart = new ArrayList<>(processes);
        byStart.sort(Comparator.comparing((ProcessNode p) -> Objects.requireNonNullElse(p.startTime(), Instant.EPOCH)));
        for (ProcessNode p : byStart) {
            String c = p.commandLine();
            if (c != null && !c.isBlank() && !commands.contains(c)) {
                commands.add(c);
            }
        }
        for (ProcessNode p : processes) {
            String u = p.user();
            if (u != null && !u.isBlank()) {
                users.putIfAbsent(u.toLowerCase(Locale.ROOT), null);
            }
        }
        List<String> rules = new ArrayList<>();
        Map<String, Long> perRule = new LinkedHashMap<>();
        features.forEach(a -> perRule.merge(a.ruleTitle() + " (" + a.level() + ")", 1L, Long::sum));
        perRule.forEach((rule, n) -> rules.add(n == 1 ? rule : rule + " ×" + n));
        return new Story(
                List.copyOf(hosts),
                users.entrySet().stream()
                        .map(e -> new Story.UserRef(e.getKey(), e.getValue()))
                        .toList(),
                withoutPrefixes(chains),
                commands,
                files(tenant, hosts, processes, commands, first, last),
                rules,
                CandidateGrouper.distinct(features, AlertFeatures::tactics),
                CandidateGrouper.distinct(features, AlertFeatures::techniques),
                first,
                last);
    }

    /** The chain's steps, with the oldest process's own parent (from its creation event) in front. */
    private List<Story.Step> steps(TenantId tenant, List<ProcessNode> line) {
        List<Story.Step> steps = new ArrayList<>();
        ProcessNode oldest = line.getFirst();
        StoredEvent created = event(tenant, oldest.eventId());
        if (created != null) {
            String parentImage = created.fields().get("ParentImage");
            if (parentImage != null && !parentImage.isBlank()) {
                steps.add(new Story.Step(parentImage, created.fields().get("ParentCommandLine"), null));
            }
        }
        for (ProcessNode n : line) {
            steps.add(new Story.Step(
                    Objects.requireNonNullElse(n.image(), "(unknown image)"), n.commandLine(), n.user()));
        }
        return steps;
    }

    private List<Story.FileRef> files(
            TenantId tenant,
            Set<String> hosts,
            List<ProcessNode> processes,
            List<String> commands,
            Instant first,
            Instant last) {
        Set<String> keys = new TreeSet<>();
        processes.forEach(p -> keys.add(p.key().toLowerCase(Locale.ROOT)));
        String allCommands = String.join("\n", commands).toLowerCase(Locale.ROOT);
        EventQuery q = new EventQuery(
                tenant,
                first.minus(properties.window()),
                last.plus(Duration.ofMinutes(1)),
                List.copyOf(hosts),
                List.of(),
                null,
                List.of("file_event"),
                List.of(),
                List.of(),
                500,
                null);
        Map<String, Story.FileRef> files = new LinkedHashMap<>();
        EventPage page = store.search(SystemActor.SYSTEM, q);
        List<StoredEvent> events = new ArrayList<>(page.events());
        events.sort(Comparator.comparing(StoredEvent::eventTime).thenComparing(StoredEvent::eventId));
        for (StoredEvent e : events) {
            String path = e.fields().get("TargetFilename");
            if (path == null || path.isBlank()) {
                continue;
            }
            String guid = e.fields().getOrDefault("ProcessGuid", "").toLowerCase(Locale.ROOT);
            if (keys.contains(guid) || allCommands.contains(path.toLowerCase(Locale.ROOT))) {
                files.putIfAbsent(
                        e.asset() + "\n" + path,
                        new Story.FileRef(e.asset(), path, e.fields().get("Image")));
            }
            if (files.size() >= MAX_FILES) {
                break;
            }
        }
        return List.copyOf(files.values());
    }

    private @Nullable StoredEvent event(TenantId tenant, @Nullable String eventId) {
        if (eventId == null) {
            return null;
        }
        try {
            return store.find(SystemActor.SYSTEM, tenant, eventId);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static @Nullable String sid(@Nullable StoredEvent event) {
        if (event == null) {
            return null;
        }
        for (String f : SID_FIELDS) {
            String v = event.fields().get(f);
            if (v != null && v.startsWith("S-1-")) {
                return v;
            }
        }
        return null;
    }

    /** Leaves out chains that are the start of a longer chain on the same host. */
    private static List<Story.Chain> withoutPrefixes(List<Story.Chain> chains) {
        List<Story.Chain> kept = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            Story.Chain c = chains.get(i);
            boolean prefix = false;
            for (int j = 0; j < chains.size() && !prefix; j++) {
                Story.Chain o = chains.get(j);
                prefix = j != i
                        && o.host().equals(c.host())
                        && o.steps().size() > c.steps().size()
                        && o.steps().subList(0, c.steps().size()).equals(c.steps());
            }
            if (!prefix) {
                kept.add(c);
            }
        }
        return kept;
    }
}
