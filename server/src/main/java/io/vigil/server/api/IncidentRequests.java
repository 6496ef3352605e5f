package io.vigil.server.api;

import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the incident API's requests: bounded bodies, JSON fields with precise errors. */
final class IncidentRequests {

    /** The largest JSON body of the incident API. */
    static final int MAX_JSON = 1024 * 1024;

    private IncidentRequests() {}

    /**
     * Reads at most {@code max} bytes of the body; one more is a {@link PayloadTooLargeException}.
     * A declared length over the limit is refused before anything is read.
     */
    static byte[] body(HttpServletRequest request, long max, String limitName) {
        return body(request, max, 0, limitName);
    }

    /**
     * Reads at most {@code max + slack} bytes of the body (a multipart body carries more than its
     * file); more is a {@link PayloadTooLargeException} that names {@code max}.
     */
    static byte[] body(HttpServletRequest request, long max, long slack, String limitName) {
        long limit = max + slack;
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(max, limitName);
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    throw tooLarge(max, limitName);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PayloadTooLargeException tooLarge(long max, String limitName) {
        return new PayloadTooLargeException("The body is larger than " + max + " bytes (" + limitName
                + "); nothing was stored. Send a smaller file or split it.");
    }

    /** The body as a JSON object. */
    static JsonNode object(JsonMapper json, HttpServletRequest request) {
        byte[] body = body(request, MAX_JSON, "1 MB for JSON requests");
        JsonNode root;
        try {
            root = body.length == 0 ? null : json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new ValidationException("body", "Not valid JSON (" + e.getOriginalMessage() + ").");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "Send a JSON object.");
        }
        return root;
    }

    /** Refuses fields not in {@code known}, naming them. */
    static void onlyKnown(JsonNode root, Set<String> known) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (String name : root.propertyNames()) {
            if (!known.contains(name)) {
                problems.add(new ValidationException.Problem(
                        clip(name), "Unknown field; the fields are " + new java.util.TreeSet<>(known) + "."));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    static @Nullable String text(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw new ValidationException(name, "Must be a string.");
        }
        return n.asString();
    }

    static @Nullable List<String> strings(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw new ValidationException(name, "Must be an array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isString()) {
                throw new ValidationException(name + "[" + i + "]", "Must be a string.");
            }
            out.add(e.asString().strip());
        }
        return out;
    }

    static boolean bool(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new ValidationException(name, "Must be true or false.");
        }
        return n.asBoolean();
    }

    static <T> @Nullable T parsed(JsonNode root, String name, Function<String, T> parser) {
        String t = text(root, name);
        return t == null || t.isBlank() ? null : parser.apply(t);
    }

    static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException(
                    name, "Not an ISO-8601 instant such as 2026-11-28T06:00:00Z: '" + clip(value) + "'.");
        }
    }

    /**
     * The incident version a change expects: the {@code If-Match} header (the ETag of GET, {@code
     * "3"}) or the body's {@code version} field; {@code null} when neither is sent (or {@code
     * If-Match: *}).
     */
    static @Nullable Long expectedVersion(@Nullable String ifMatch, JsonNode body) {
        Long header = null;
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
            String tag = ifMatch.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (!tag.matches("\\d{1,18}")) {
                throw new ValidationException(
                        "If-Match",
                        "Send the incident's ETag as GET gave it, e.g. If-Match: \"3\" (one entity tag), not '"
                                + clip(ifMatch) + "'.");
            }
            header = Long.parseLong(tag);
        }
        JsonNode v = body.get("version");
        Long field = null;
        if (v != null && !v.isNull()) {
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new ValidationException(
                        "version", "Must be the incident's version as GET gave it (a whole number).");
            }
            field = v.asLong();
        }
        if (header != null && field != null && !header.equals(field)) {
            throw new ValidationException(
                    "version",
                    "If-Match says " + header + " but the body's version is " + field + "; send one of them.");
        }
        return header != null ? header : field;
    }

    static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
