package io.vigil.server.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a process tree from process-creation events (Sysmon 1, Security 4688, agent
 * process_start, auditd execve). A process with a ProcessGuid finds its parent and children by GUID.
 * Without one (4688, auditd) the parent is the latest process created on the same asset with the
 * parent's pid at or before the child's start, and the children of a process are those whose
 * parent, found that way, is it (so a reused pid is not confused with an earlier process).
 */
final class ProcessTrees {

    private static final int MAX_ANCESTORS = 64;
    /** A parent found by pid is one without a GUID too: Sysmon and 4688 records of one process stay apart. */
    private static final String CREATED_BEFORE = "pid = ? AND event_time <= ? AND process_key LIKE 'pid:%'";

    private final EventRepository events;
    private final List<Partition> partitions;
    private final String asset;
    private final int maxNodes;

    ProcessTrees(EventRepository events, List<Partition> partitions, String asset, int maxNodes) {
        this.events = events;
        this.partitions = partitions;
        this.asset = asset;
        this.maxNodes = maxNodes;
    }

    Optional<ProcessTree> around(String key) {
        List<NodeRow> found = events.nodes(partitions, asset, "process_key = ?", List.of(key), 1);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        NodeRow root =
                found.stream().min(Comparator.comparing(r -> start(r.node()))).orElseThrow();
        List<ProcessNode> ancestors = new ArrayList<>();
        NodeRow current = root;
        NodeRow parent = parentOf(current.node());
        ProcessNode self = root.node();
        if (parent != null) {
            self = self.withParentKey(parent.node().key());
        }
        Set<String> seen = new HashSet<>();
        seen.add(self.key());
        for (int depth = -1; depth >= -MAX_ANCESTORS; depth--) {
            if (parent == null) {
                ProcessNode stub = stubParent(current);
                if (stub != null) {
                    ancestors.add(stub.atDepth(depth));
                }
                break;
            }
            if (!seen.add(parent.node().key())) {
                break;
            }
            NodeRow next = parentOf(parent.node());
            ProcessNode node = parent.node().atDepth(depth);
            ancestors.add(next == null ? node : node.withParentKey(next.node().key()));
            current = parent;
            parent = next;
        }
        List<ProcessNode> descendants = new ArrayList<>();
        boolean truncated = descendants(self, seen, descendants);
        return Optional.of(new ProcessTree(asset, self, ancestors, descendants, truncated));
    }

    /** Breadth first; returns whether the node limit cut it short. */
    private boolean descendants(ProcessNode root, Set<String> seen, List<ProcessNode> out) {
        Deque<ProcessNode> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            ProcessNode node = queue.poll();
            for (NodeRow child : childrenOf(node)) {
                if (!seen.add(child.node().key())) {
                    continue;
                }
                if (out.size() >= maxNodes) {
                    return true;
                }
                ProcessNode c = child.node().withParentKey(node.key()).atDepth(node.depth() + 1);
                out.add(c);
                queue.add(c);
            }
        }
        return false;
    }

    private List<NodeRow> childrenOf(ProcessNode node) {
        if (!isDerived(node.key())) {
            return sorted(events.nodes(partitions, asset, "parent_key = ?", List.of(node.key()), maxNodes + 1));
        }
        Long pid = node.pid();
        Instant start = node.startTime();
        if (pid == null || start == null) {
            return List.of();
        }
        List<NodeRow> candidates = events.nodes(
                later(start),
                asset,
                "parent_key IS NULL AND parent_pid = ? AND event_time >= ?",
                List.of(pid, start.toEpochMilli()),
                maxNodes + 1);
        List<NodeRow> children = new ArrayList<>();
        for (NodeRow c : candidates) {
            NodeRow parent = parentOf(c.node());
            if (parent != null && parent.node().key().equals(node.key())) {
                children.add(c);
            }
        }
        return sorted(children);
    }

    private @Nullable NodeRow parentOf(ProcessNode child) {
        String parentKey = child.parentKey();
        if (parentKey != null && !isDerived(child.key())) {
            return events.nodes(partitions, asset, "process_key = ?", List.of(parentKey), 1).stream()
                    .min(Comparator.comparing(r -> start(r.node())))
                    .orElse(null);
        }
        Long parentPid = child.parentPid();
        Instant start = child.startTime();
        if (parentPid == null || start == null) {
            return null;
        }
        return events.nodes(earlier(start), asset, CREATED_BEFORE, List.of(parentPid, start.toEpochMilli()), 1).stream()
                .filter(r -> !r.node().key().equals(child.key()))
                .max(Comparator.comparing(r -> start(r.node())))
                .orElse(null);
    }

    /** The parent as its child's fields describe it, when its own creation is not stored. */
    private @Nullable ProcessNode stubParent(NodeRow child) {
        ProcessNode c = child.node();
        Long ppid = c.parentPid();
        String key = c.parentKey() != null ? c.parentKey() : ppid == null ? null : "pid:" + asset + ":" + ppid;
        if (key == null) {
            return null;
        }
        return new ProcessNode(key, null, 0, null, null, ppid, null, child.parentImage(), null, null);
    }

    private List<Partition> earlier(Instant t) {
        return partitions.stream()
                .filter(p -> p.minEventTime() <= t.toEpochMilli())
                .toList();
    }

    private List<Partition> later(Instant t) {
        return partitions.stream()
                .filter(p -> p.maxEventTime() >= t.toEpochMilli())
                .toList();
    }

    private static List<NodeRow> sorted(List<NodeRow> rows) {
        List<NodeRow> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing((NodeRow r) -> start(r.node()))
                .thenComparing(r -> r.node().key()));
        return copy;
    }

    private static Instant start(ProcessNode n) {
        Instant s = n.startTime();
        return s == null ? Instant.EPOCH : s;
    }

    private static boolean isDerived(String key) {
        return key.startsWith("pid:");
    }
}
