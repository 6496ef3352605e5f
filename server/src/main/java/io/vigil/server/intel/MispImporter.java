package io.vigil.server.intel;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads MISP JSON events ({@code {"Event": …}}, a {@code {"response": […]}} list, or an array of
 * them) and MISP feeds ({@code manifest.json} naming {@code <uuid>.json} event files). Attributes
 * (also inside MISP objects) with {@code to_ids: true} and a matchable type become IoCs; others are
 * counted as ignored. Event and attribute tags become tags; a {@code tlp:*} tag sets the TLP.
 */
final class MispImporter {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_TAGS = 20;

    private final JsonMapper json;

    MispImporter(JsonMapper json) {
        this.json = json;
    }

    /** Reads a MISP feed: the manifest, then each event it lists (at most {@code maxEvents}). */
    void readFeed(DocumentSource source, int maxEvents, ImportReport report) {
        JsonNode manifest;
        try {
            manifest = json.readTree(source.read("manifest.json"));
        } catch (IOException e) {
            report.fail("manifest.json", "cannot be read (" + e.getMessage() + ")");
            return;
        } catch (JacksonException e) {
            report.fail("manifest.json", "not valid JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        if (!manifest.isObject()) {
            report.fail("manifest.json", "not a JSON object of event uuid -> event summary");
            return;
        }
        int events = 0;
        for (String uuid : manifest.propertyNames()) {
            if (!UUID.matcher(uuid).matches()) {
                report.problem("manifest.json", "'" + IocValues.clip(uuid) + "' is not an event uuid; skipped");
                continue;
            }
            if (++events > maxEvents) {
                report.problem(
                        "manifest.json",
                        "more than " + maxEvents + " events; the rest are skipped" + " (vigil.intel.max-feed-events)");
                break;
            }
            String file = uuid.toLowerCase(Locale.ROOT) + ".json";
            byte[] doc;
            try {
                doc = source.read(file);
            } catch (IOException e) {
                report.fail(file, "cannot be read (" + e.getMessage() + ")");
                continue;
            }
            readEvents(doc, file, report);
        }
    }

    /** Reads one document holding a MISP event or a list of them. */
    void readEvents(byte[] document, String name, ImportReport report) {
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (JacksonException e) {
            report.fail(name, "not valid JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        List<JsonNode> events = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(e -> events.add(e.has("Event") ? e.get("Event") : e));
        } else if (root.path("response").isArray()) {
            root.path("response").forEach(e -> events.add(e.has("Event") ? e.get("Event") : e));
        } else if (root.path("Event").isObject()) {
            events.add(root.get("Event"));
        } else if (root.isObject() && (root.has("Attribute") || root.has("Object"))) {
            events.add(root);
        } else {
            report.fail(name, "not a MISP event: expected {\"Event\": {…}} with Attribute or Object lists");
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            event(events.get(i), events.size() == 1 ? name : name + " [" + i + "]", report);
        }
    }

    private static void event(JsonNode event, String where, ImportReport report) {
        if (!event.isObject()) {
            report.problem(where, "an event must be a JSON object");
            return;
        }
        String info = event.path("info").asString("");
        List<String> eventTags = new ArrayList<>();
        Tlp eventTlp = tags(event.path("Tag"), eventTags);
        JsonNode attributes = event.path("Attribute");
        for (int i = 0; i < attributes.size(); i++) {
            attribute(attributes.get(i), where + " Attribute[" + i + "]", info, eventTags, eventTlp, report);
        }
        JsonNode objects = event.path("Object");
        for (int o = 0; o < objects.size(); o++) {
            JsonNode attrs = objects.get(o).path("Attribute");
            for (int i = 0; i < attrs.size(); i++) {
                attribute(
                        attrs.get(i),
                        where + " Object[" + o + "].Attribute[" + i + "]",
                        info,
                        eventTags,
                        eventTlp,
                        report);
            }
        }
    }

    private static @Nullable Tlp tags(JsonNode tagList, List<String> into) {
        Tlp tlp = null;
        for (JsonNode t : tagList) {
            String name = t.path("name").asString("").trim();
            if (name.isEmpty()) {
                continue;
            }
            Tlp parsed = name.toLowerCase(Locale.ROOT).startsWith("tlp:") ? Tlp.fromLabel(name) : null;
            if (parsed != null) {
                tlp = parsed;
            } else if (into.size() < MAX_TAGS && !into.contains(name)) {
                into.add(IocValues.clip(name.replace('\n', ' ')));
            }
        }
        return tlp;
    }

    private static void attribute(
            JsonNode a,
            String where,
            String info,
            List<String> eventTags,
            @Nullable Tlp eventTlp,
            ImportReport report) {
        report.entry();
        if (!a.isObject() || !a.path("type").isString() || !a.path("value").isString()) {
            report.problem(where, "an attribute needs string 'type' and 'value'");
            return;
        }
        if (!toIds(a.path("to_ids")) || a.path("deleted").asBoolean(false)) {
            report.ignore();
            return;
        }
        String type = a.path("type").asString();
        String value = a.path("value").asString();
        List<String> tags = new ArrayList<>(eventTags);
        Tlp tlp = tags(a.path("Tag"), tags);
        if (tlp == null) {
            tlp = eventTlp;
        }
        String category = a.path("category").asString("");
        if (!category.isEmpty() && tags.size() < MAX_TAGS) {
            tags.add("misp-category:" + category);
        }
        Instant firstSeen = firstSeen(a);
        List<IocValues.Normalised> values = new ArrayList<>();
        try {
            switch (type) {
                case "md5", "sha1", "sha256" -> values.add(IocValues.normalise(IocType.parse(type), value));
                case "filename|md5", "filename|sha1", "filename|sha256" ->
                    values.add(IocValues.normalise(
                            IocType.parse(type.substring(type.indexOf('|') + 1)), after(value, type)));
                case "ip-dst", "ip-src" -> values.add(IocValues.normalise(IocType.CIDR, value));
                case "ip-dst|port", "ip-src|port" -> values.add(IocValues.normalise(IocType.CIDR, before(value, type)));
                case "domain", "hostname" -> values.add(IocValues.normalise(IocType.DOMAIN, value));
                case "hostname|port" -> values.add(IocValues.normalise(IocType.DOMAIN, before(value, type)));
                case "domain|ip" -> {
                    values.add(IocValues.normalise(IocType.DOMAIN, before(value, type)));
                    values.add(IocValues.normalise(IocType.CIDR, after(value, type)));
                }
                case "url" -> values.add(IocValues.normalise(IocType.URL, value));
                default -> {
                    report.ignore();
                    return;
                }
            }
        } catch (IllegalArgumentException e) {
            report.problem(where, type + ": " + e.getMessage());
            return;
        }
        for (IocValues.Normalised n : values) {
            report.add(new Indicator(n.type(), n.value(), null, firstSeen, null, tags, tlp, info));
        }
    }

    private static boolean toIds(JsonNode n) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String s = n.asString("");
        return s.equals("1") || s.equalsIgnoreCase("true");
    }

    private static @Nullable Instant firstSeen(JsonNode a) {
        String s = a.path("first_seen").asString("");
        if (s.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String before(String value, String type) {
        int bar = value.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException(
                    "a " + type + " value has the form a|b, '" + IocValues.clip(value) + "' has no '|'");
        }
        return value.substring(0, bar);
    }

    private static String after(String value, String type) {
        int bar = value.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException(
                    "a " + type + " value has the form a|b, '" + IocValues.clip(value) + "' has no '|'");
        }
        return value.substring(bar + 1);
    }
}
