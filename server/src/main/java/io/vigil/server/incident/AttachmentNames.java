package io.vigil.server.incident;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Makes an uploaded file's name safe to store and to send back in a {@code Content-Disposition}
 * header, and picks the content type a download is served with.
 */
public final class AttachmentNames {

    /** The longest stored name, in characters. */
    public static final int MAX_NAME = 200;

    private static final String FALLBACK = "attachment";

    /** Types served as themselves; everything else is {@code application/octet-stream}. */
    private static final Map<String, String> SAFE_TYPES = Map.of(
            "txt", "text/plain; charset=utf-8",
            "log", "text/plain; charset=utf-8",
            "csv", "text/plain; charset=utf-8",
            "pdf", "application/pdf",
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "gif", "image/gif",
            "zip", "application/zip");

    private AttachmentNames() {}

    /**
     * The name without any folder part ({@code ../../etc/passwd} → {@code passwd}), control and
     * invisible format characters (CR, LF, NUL, right-to-left overrides), quotes, and leading dots;
     * NFC-normalised and cut to {@value #MAX_NAME} characters. Never empty.
     */
    public static String safe(String raw) {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean drop = Character.isISOControl(cp)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED
                    || cp == '"'
                    || cp == ':'
                    || cp == '*'
                    || cp == '?'
                    || cp == '<'
                    || cp == '>'
                    || cp == '|';
            if (!drop) {
                b.appendCodePoint(cp);
            }
        });
        String clean = b.toString().strip();
        while (clean.startsWith(".")) {
            clean = clean.substring(1);
        }
        if (clean.codePointCount(0, clean.length()) > MAX_NAME) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_NAME));
        }
        return clean.isBlank() ? FALLBACK : clean;
    }

    /** The content type a download of {@code safeName} is served with. */
    public static String contentType(String safeName) {
        int dot = safeName.lastIndexOf('.');
        String ext = dot < 0 ? "" : safeName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return SAFE_TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
