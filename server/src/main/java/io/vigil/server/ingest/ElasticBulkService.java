package io.vigil.server.ingest;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseIssue;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Elasticsearch {@code _bulk} protocol on top of {@link IngestService}: action and document
 * lines are paired, each document is parsed as ECS (Winlogbeat, Elastic Agent) or as a flat event
 * (Fluent Bit, Vector, NXLog), and every action gets an item in the answer, in order, as shippers
 * expect. A malformed action line refuses the whole request (as Elasticsearch does) before anything
 * is stored; a bad document refuses only its own item.
 */
@Service
class ElasticBulkService {

    /** One answered action. */
    record Item(
            String action,
            String index,
            @Nullable String id,
            int status,
            @Nullable String result,
            @Nullable String error) {}

    /** The answer: items in request order. */
    record Result(boolean errors, List<Item> items, int accepted, int duplicates, int rejected) {}

    private final IngestService ingest;
    private final IngestProperties properties;
    private final JsonMapper json;

    ElasticBulkService(IngestService ingest, IngestProperties properties, JsonMapper json) {
        this.ingest = ingest;
        this.properties = properties;
        this.json = json;
    }

    Result bulk(IngestCredential who, byte[] body, @Nullable String pathIndex) {
        List<Pending> pending = new ArrayList<>();
        List<byte[]> lines = lines(body);
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            if (isBlank(line)) {
                continue;
            }
            long number = i + 1L;
            Action action = action(line, number, pathIndex);
            if (action.name.equals("delete")) {
                pending.add(
                        Pending.refused(action, 400, "Vigil keeps telemetry append-only: 'delete' is not supported"));
                continue;
            }
            int docLine = nextNonBlank(lines, i + 1);
            if (docLine < 0) {
                throw new IngestException(
                        400, "line " + number + ": the '" + action.name + "' action has no document line after it");
            }
            i = docLine;
            if (action.name.equals("update")) {
                pending.add(
                        Pending.refused(action, 400, "Vigil keeps telemetry append-only: 'update' is not supported"));
                continue;
            }
            pending.add(parse(who, action, lines.get(docLine), docLine + 1L));
        }
        return append(pending);
    }

    private Pending parse(IngestCredential who, Action action, byte[] document, long line) {
        SourceFormat format = Parsers.detect(Arrays.copyOf(document, Math.min(document.length, 4096)))
                .filter(f -> f == SourceFormat.ECS || f == SourceFormat.EVTX_JSON)
                .orElse(SourceFormat.JSON_LINES);
        List<ParseOutcome> outcomes = ingest.parseDocument(who, format, document, "_bulk");
        CanonicalEvent event = null;
        String error = null;
        for (ParseOutcome outcome : outcomes) {
            switch (outcome) {
                case ParseOutcome.Parsed parsed -> {
                    if (event == null) {
                        event = parsed.event();
                    }
                }
                case ParseOutcome.Failed failed -> {
                    if (failed.issue().severity() == ParseIssue.Severity.ERROR && error == null) {
                        error = failed.issue().message();
                    }
                }
            }
        }
        if (event == null) {
            return Pending.refused(
                    action,
                    400,
                    "line " + line + ": " + (error == null ? "the document holds no event Vigil can read" : error));
        }
        return new Pending(action, format, event, 0, null);
    }

    private Result append(List<Pending> pending) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        Map<SourceFormat, List<Pending>> byFormat = new LinkedHashMap<>();
        for (Pending p : pending) {
            if (p.event == null) {
                rejected++;
            } else {
                byFormat.computeIfAbsent(p.format, f -> new ArrayList<>()).add(p);
            }
        }
        boolean countedRejected = false;
        for (Map.Entry<SourceFormat, List<Pending>> group : byFormat.entrySet()) {
            List<Pending> ofFormat = group.getValue();
            for (int from = 0; from < ofFormat.size(); from += properties.appendChunk()) {
                List<Pending> chunk =
                        ofFormat.subList(from, Math.min(ofFormat.size(), from + properties.appendChunk()));
                List<CanonicalEvent> events = new ArrayList<>(chunk.size());
                for (Pending p : chunk) {
                    events.add(java.util.Objects.requireNonNull(p.event));
                }
                TelemetryLog.Appended appended = ingest.append(group.getKey(), events, countedRejected ? 0 : rejected);
                countedRejected = true;
                for (int k = 0; k < chunk.size(); k++) {
                    chunk.get(k).isNew = appended.added(k);
                }
                accepted += appended.addedCount();
                duplicates += appended.duplicates();
            }
        }
        if (!countedRejected && rejected > 0) {
            ingest.append(SourceFormat.JSON_LINES, List.of(), rejected);
        }
        List<Item> items = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            CanonicalEvent event = p.event;
            if (event == null) {
                items.add(new Item(p.action.name, p.action.index, p.action.id, p.status, null, p.error));
            } else {
                boolean isNew = p.isNew;
                items.add(new Item(
                        p.action.name,
                        p.action.index,
                        event.envelope().id().value(),
                        isNew ? 201 : 200,
                        isNew ? "created" : "noop",
                        null));
            }
        }
        return new Result(rejected > 0, items, accepted, duplicates, rejected);
    }

    private Action action(byte[] line, long number, @Nullable String pathIndex) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            throw new IngestException(
                    400,
                    "line " + number + ": not a bulk action line (invalid JSON): "
                            + Bodies.clip(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IngestException(
                    400,
                    "line " + number + ": expected an action line such as"
                            + " {\"create\":{}} or {\"index\":{\"_index\":\"…\"}}");
        }
        String name = node.propertyNames().iterator().next();
        if (!List.of("index", "create", "update", "delete").contains(name)
                || !node.get(name).isObject()) {
            throw new IngestException(
                    400,
                    "line " + number + ": unknown bulk action '" + Bodies.clip(name)
                            + "'; expected index, create, update or delete");
        }
        JsonNode meta = node.get(name);
        String index =
                meta.hasNonNull("_index") ? meta.get("_index").asString() : pathIndex == null ? "vigil" : pathIndex;
        String id = meta.hasNonNull("_id") ? meta.get("_id").asString() : null;
        return new Action(name, index, id);
    }

    private static List<byte[]> lines(byte[] body) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (i < body.length || end > start) {
                    lines.add(Arrays.copyOfRange(body, start, end));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static int nextNonBlank(List<byte[]> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!isBlank(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private record Action(
            String name, String index, @Nullable String id) {}

    private static final class Pending {
        final Action action;
        final SourceFormat format;
        final @Nullable CanonicalEvent event;
        final int status;
        final @Nullable String error;
        boolean isNew;

        Pending(
                Action action,
                SourceFormat format,
                @Nullable CanonicalEvent event,
                int status,
                @Nullable String error) {
            this.action = action;
            this.format = format;
            this.event = event;
            this.status = status;
            this.error = error;
        }

        static Pending refused(Action action, int status, String error) {
            return new Pending(action, SourceFormat.JSON_LINES, null, status, error);
        }
    }
}
