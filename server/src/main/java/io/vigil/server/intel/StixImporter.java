package io.vigil.server.intel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads STIX 2.1 bundles (or a single object, or a TAXII envelope's {@code objects}): each {@code
 * indicator} whose {@code pattern_type} is {@code stix} (or absent, as in STIX 2.0) yields the
 * IoCs of its pattern. Other objects are ignored.
 *
 * <p>Patterns: every equality comparison on a supported path becomes an IoC — {@code
 * file:hashes.MD5/SHA-1/SHA-256}, {@code ipv4-addr:value}, {@code ipv6-addr:value} (an address or
 * a CIDR; also with ISSUBSET), {@code domain-name:value}, {@code url:value}, {@code
 * network-traffic:dst_ref.value/src_ref.value}. OR alternatives each become an IoC. When a pattern
 * joins comparisons with AND or FOLLOWEDBY and some of them cannot be matched by Vigil (a file name,
 * a port), the matchable ones are still imported, tagged {@code stix:partial-pattern}: they match
 * more than the pattern does, which the tag tells the analyst. A pattern with nothing matchable is
 * reported and skipped.
 */
final class StixImporter {

    /** The STIX 2.1 TLP 1.0 marking definitions (spec section 7.2.1.4). */
    private static final Map<String, Tlp> TLP_MARKINGS = Map.of(
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp.CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp.GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp.AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp.RED);

    static final String PARTIAL_TAG = "stix:partial-pattern";

    private final JsonMapper json;

    StixImporter(JsonMapper json) {
        this.json = json;
    }

    void read(byte[] document, String name, ImportReport report) {
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (JacksonException e) {
            report.fail(name, "not valid JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        readTree(root, name, report);
    }

    void readTree(JsonNode root, String name, ImportReport report) {
        List<JsonNode> objects = new ArrayList<>();
        if (root.isObject() && root.path("objects").isArray()) {
            root.path("objects").forEach(objects::add);
        } else if (root.isObject() && root.path("type").isString()) {
            objects.add(root);
        } else if (root.isArray()) {
            root.forEach(objects::add);
        } else {
            report.fail(name, "not a STIX bundle: expected an object with 'objects', or a STIX object");
            return;
        }
        Map<String, Tlp> markings = new HashMap<>(TLP_MARKINGS);
        for (JsonNode o : objects) {
            if ("marking-definition".equals(o.path("type").asString(""))) {
                Tlp tlp = markingTlp(o);
                if (tlp != null && o.path("id").isString()) {
                    markings.put(o.path("id").asString(), tlp);
                }
            }
        }
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            if (o.isObject() && "indicator".equals(o.path("type").asString(""))) {
                String where = name + " objects[" + i + "]"
                        + (o.path("id").isString()
                                ? " " + IocValues.clip(o.path("id").asString())
                                : "");
                report.entry();
                indicator(o, where, markings, report);
            }
        }
    }

    private static @Nullable Tlp markingTlp(JsonNode o) {
        JsonNode def = o.path("definition");
        if (def.path("tlp").isString()) {
            return Tlp.fromLabel(def.path("tlp").asString());
        }
        return o.path("name").isString() ? Tlp.fromLabel(o.path("name").asString()) : null;
    }

    private static void indicator(JsonNode o, String where, Map<String, Tlp> markings, ImportReport report) {
        String patternType = o.path("pattern_type").asString("stix");
        if (!patternType.equals("stix")) {
            report.problem(where, "pattern_type '" + IocValues.clip(patternType) + "' is not supported (only stix)");
            return;
        }
        if (!o.path("pattern").isString()) {
            report.problem(where, "no 'pattern' string");
            return;
        }
        if (o.path("revoked").asBoolean(false)) {
            report.problem(where, "revoked indicator");
            return;
        }
        StixPattern.Parsed parsed;
        try {
            parsed = StixPattern.parse(o.path("pattern").asString());
        } catch (IllegalArgumentException e) {
            report.problem(where, e.getMessage());
            return;
        }
        List<String> tags = new ArrayList<>();
        o.path("indicator_types").forEach(t -> tags.add(t.asString("")));
        o.path("labels").forEach(t -> tags.add(t.asString("")));
        tags.removeIf(String::isBlank);
        Tlp tlp = null;
        for (JsonNode ref : o.path("object_marking_refs")) {
            Tlp t = markings.get(ref.asString(""));
            if (t != null) {
                tlp = t;
            }
        }
        Integer confidence = o.path("confidence").isInt() ? o.path("confidence").intValue() : null;
        if (confidence != null && (confidence < 0 || confidence > 100)) {
            report.problem(where, "confidence " + confidence + " is outside 0-100; ignored");
            confidence = null;
        }
        Instant from = time(o, "valid_from");
        Instant until = time(o, "valid_until");
        String description = o.path("name").asString(o.path("description").asString(""));
        List<Indicator> found = new ArrayList<>();
        int unsupported = 0;
        for (StixPattern.Comparison c : parsed.comparisons()) {
            IocType type = c.negated() ? null : typeOf(c);
            if (type == null) {
                unsupported++;
                continue;
            }
            try {
                IocValues.Normalised n = IocValues.normalise(type, c.value());
                found.add(new Indicator(n.type(), n.value(), confidence, from, until, tags, tlp, description));
            } catch (IllegalArgumentException e) {
                report.problem(where, c.path() + ": " + e.getMessage());
            }
        }
        if (found.isEmpty()) {
            if (unsupported > 0) {
                report.problem(
                        where,
                        "no comparison Vigil can match in '"
                                + IocValues.clip(o.path("pattern").asString())
                                + "' (supported: file hashes MD5/SHA-1/SHA-256, ipv4/ipv6 addresses and"
                                + " networks, domain names, URLs)");
            }
            return;
        }
        boolean partial = parsed.conjunctive() && unsupported > 0;
        for (Indicator ind : found) {
            if (partial) {
                List<String> t = new ArrayList<>(ind.tags());
                t.add(PARTIAL_TAG);
                ind = new Indicator(ind.type(), ind.value(), confidence, from, until, t, tlp, description);
            }
            report.add(ind);
        }
    }

    private static @Nullable Instant time(JsonNode o, String field) {
        if (!o.path(field).isString()) {
            return null;
        }
        try {
            return Instant.parse(o.path(field).asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The IoC type a comparison yields, or {@code null} when Vigil cannot match it. */
    static @Nullable IocType typeOf(StixPattern.Comparison c) {
        String path = c.path().toLowerCase(Locale.ROOT).replace("'", "");
        String op = c.op();
        boolean eq = op.equals("=");
        return switch (path) {
            case "file:hashes.md5" -> eq ? IocType.MD5 : null;
            case "file:hashes.sha-1", "file:hashes.sha1" -> eq ? IocType.SHA1 : null;
            case "file:hashes.sha-256", "file:hashes.sha256" -> eq ? IocType.SHA256 : null;
            case "ipv4-addr:value",
                    "ipv6-addr:value",
                    "network-traffic:dst_ref.value",
                    "network-traffic:src_ref.value" -> eq || op.equals("ISSUBSET") ? IocType.CIDR : null;
            case "domain-name:value" -> eq ? IocType.DOMAIN : null;
            case "url:value" -> eq ? IocType.URL : null;
            default -> null;
        };
    }
}
