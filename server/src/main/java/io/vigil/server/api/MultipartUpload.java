package io.vigil.server.api;

import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An attachment upload as {@code multipart/form-data} (RFC 7578; the MDR API v1 shape): part {@code
 * file} (required; its {@code filename} names the attachment), part {@code caption} (optional text),
 * part {@code meta} (optional JSON text such as {@code {"caption": "…"}}).
 *
 * <p>Spring's multipart support is off ({@code spring.servlet.multipart.enabled=false}): the body is
 * read here, from the request stream, only after the caller's access was checked, at most the
 * attachment limit plus {@link #OVERHEAD} bytes, into memory and nowhere else. A body over that is
 * refused while it arrives; a file part over the limit is refused after parsing; both are 413 with
 * nothing stored.
 */
final class MultipartUpload {

    /** Room for boundaries, part headers, the caption and the meta part. */
    static final int OVERHEAD = 64 * 1024;

    private static final int MAX_HEADERS = 8 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

    /** The parts of an upload. */
    static final class Upload {
        private final String fileName;
        private final @Nullable String caption;
        private final @Nullable String meta;
        private final byte[] content;

        Upload(String fileName, @Nullable String caption, @Nullable String meta, byte[] content) {
            this.fileName = fileName;
            this.caption = caption;
            this.meta = meta;
            this.content = content;
        }

        /** The name the file part gives in its Content-Disposition ({@code ""} when none). */
        String fileName() {
            return fileName;
        }

        /** The caption part's text, if sent. */
        @Nullable
        String caption() {
            return caption;
        }

        /** The meta part's text, if sent. */
        @Nullable
        String meta() {
            return meta;
        }

        /** The file's bytes (not copied). */
        byte[] content() {
            return content;
        }
    }

    private MultipartUpload() {}

    /** Whether the request says it is multipart (of any subtype). */
    static boolean isMultipart(@Nullable String contentType) {
        return contentType != null
                && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** Reads and parses the request's body; {@code max} is the largest file part. */
    static Upload read(HttpServletRequest request, long max, String limitName) {
        String boundary = boundary(String.valueOf(request.getContentType()));
        byte[] body = IncidentRequests.body(request, max, OVERHEAD, limitName);
        return parse(body, boundary, max, limitName);
    }

    /** The boundary parameter of a {@code multipart/form-data} content type. */
    static String boundary(String contentType) {
        String[] params = contentType.split(";", -1);
        if (!params[0].strip().equalsIgnoreCase("multipart/form-data")) {
            throw new ValidationException(
                    "Content-Type",
                    "Send the file as multipart/form-data (part 'file') or as the raw body, not "
                            + IncidentRequests.clip(params[0].strip()) + ".");
        }
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = unquote(p.substring(9).strip());
                if (b.isEmpty() || b.length() > 70 || !b.chars().allMatch(c -> c >= 32 && c < 127)) {
                    throw new ValidationException(
                            "Content-Type", "The multipart boundary must be 1-70 ASCII characters.");
                }
                return b;
            }
        }
        throw new ValidationException("Content-Type", "multipart/form-data needs a boundary parameter.");
    }

    /** Parses a whole body: one {@code file} part, at most one {@code caption} and one {@code meta} part. */
    static Upload parse(byte[] body, String boundary, long max, String limitName) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos;
        if (startsWith(body, 0, delimiter)) {
            pos = delimiter.length;
        } else {
            int first = indexOf(body, next, 0);
            if (first < 0) {
                throw invalid("No part starts with the boundary given in the Content-Type.");
            }
            pos = first + next.length;
        }
        Map<String, byte[]> parts = new HashMap<>();
        String fileName = "";
        while (!startsWith(body, pos, new byte[] {'-', '-'})) {
            while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
                pos++;
            }
            if (!startsWith(body, pos, CRLF)) {
                throw invalid("A boundary line must end with CRLF.");
            }
            pos += 2;
            int headersEnd = indexOf(body, HEADERS_END, pos);
            if (startsWith(body, pos, CRLF) || headersEnd < 0 || headersEnd - pos > MAX_HEADERS) {
                throw invalid("Each part needs a Content-Disposition header (at most " + MAX_HEADERS
                        + " bytes of headers) and a blank line before its content.");
            }
            Map<String, String> disposition =
                    disposition(new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8));
            int start = headersEnd + HEADERS_END.length;
            int end = indexOf(body, next, start);
            if (end < 0) {
                throw invalid("The body ends inside a part: the closing boundary is missing.");
            }
            String name = disposition.getOrDefault("name", "");
            if (!name.equals("file") && !name.equals("caption") && !name.equals("meta")) {
                throw new ValidationException(
                        IncidentRequests.clip(name), "Unknown part; the parts are file, caption and meta.");
            }
            if (parts.containsKey(name)) {
                throw new ValidationException(name, "Send this part once.");
            }
            if (name.equals("file")) {
                if (end - start > max) {
                    throw IncidentRequests.tooLarge(max, limitName);
                }
                fileName = disposition.getOrDefault("filename", "");
            }
            parts.put(name, Arrays.copyOfRange(body, start, end));
            pos = end + next.length;
        }
        byte[] file = parts.get("file");
        if (file == null) {
            throw new ValidationException("file", "Send the attachment as the part named 'file'.");
        }
        return new Upload(fileName, text(parts.get("caption")), text(parts.get("meta")), file);
    }

    /** The parameters of the part's Content-Disposition ({@code name}, {@code filename}). */
    private static Map<String, String> disposition(String headers) {
        for (String line : headers.split("\r\n", -1)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Disposition")) {
                Map<String, String> params = new HashMap<>();
                String[] fields = splitParams(line.substring(colon + 1));
                if (!fields[0].strip().equalsIgnoreCase("form-data")) {
                    throw invalid("A part's Content-Disposition must be form-data.");
                }
                for (int i = 1; i < fields.length; i++) {
                    int eq = fields[i].indexOf('=');
                    if (eq > 0) {
                        params.put(
                                fields[i].substring(0, eq).strip().toLowerCase(Locale.ROOT),
                                unquote(fields[i].substring(eq + 1).strip()));
                    }
                }
                return params;
            }
        }
        throw invalid("A part has no Content-Disposition header.");
    }

    /** Splits at semicolons outside quoted strings. */
    private static String[] splitParams(String value) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out.toArray(String[]::new);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    private static @Nullable String text(byte @Nullable [] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static ValidationException invalid(String message) {
        return new ValidationException("body", "Not a valid multipart/form-data body: " + message);
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        return at >= 0
                && at + prefix.length <= body.length
                && Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /** The first index of {@code needle} in {@code body} at or after {@code from}, or -1. */
    static int indexOf(byte[] body, byte[] needle, int from) {
        byte first = needle[0];
        int last = body.length - needle.length;
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (body[i] == first && Arrays.equals(body, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
