package io.vigil.server.asset;

import io.vigil.telemetry.CanonicalEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value whose fleet prevalence is counted: its kind, the normalised value and its key (the
 * SHA-256 of the normalised value, so command lines of any length have a short, exact key).
 *
 * @param kind image, hash or command line
 * @param value the normalised value (image lower-cased, hash lower-case hex, command line trimmed)
 * @param key SHA-256 of {@code value}, lower-case hex
 */
public record PrevalenceValue(PrevalenceKind kind, String value, String key) {

    /** The Sigma category whose events are counted. */
    static final String PROCESS_CREATION = "process_creation";

    /** At most this many hashes are taken from one event (a hostile event may list thousands). */
    static final int MAX_HASHES = 8;

    private static final String[] HASH_FIELDS = {"Hashes", "Hash", "md5", "sha1", "sha256", "MD5", "SHA1", "SHA256"};

    /** A value of {@code kind}, normalised; {@code null} when it is blank or (for hashes) not a hash. */
    public static @org.jspecify.annotations.Nullable PrevalenceValue of(PrevalenceKind kind, String raw) {
        String v = raw.trim();
        if (v.isEmpty()) {
            return null;
        }
        String normal = switch (kind) {
            case IMAGE -> v.toLowerCase(Locale.ROOT);
            case HASH -> isHash(v) ? v.toLowerCase(Locale.ROOT) : null;
            case COMMAND_LINE -> v;
        };
        return normal == null ? null : new PrevalenceValue(kind, normal, Texts.key(normal));
    }

    /** Whether the event is one whose values are counted (a process creation). */
    static boolean counted(CanonicalEvent event) {
        return PROCESS_CREATION.equals(event.envelope().sigmaCategory());
    }

    /**
     * The event's image, file hashes and command line, each once: {@code Image}, the hashes in
     * {@code Hashes} ({@code MD5=…,SHA256=…}; IMPHASH is not a file hash and is left out), {@code
     * Hash}, {@code md5}, {@code sha1}, {@code sha256}, and {@code CommandLine}.
     */
    public static List<PrevalenceValue> in(CanonicalEvent event) {
        List<PrevalenceValue> out = new ArrayList<>(4);
        String image = event.field("Image");
        PrevalenceValue v = image == null ? null : of(PrevalenceKind.IMAGE, image);
        if (v != null) {
            out.add(v);
        }
        int hashes = 0;
        for (String field : HASH_FIELDS) {
            String value = event.field(field);
            if (value == null) {
                continue;
            }
            for (String part : value.split(",", MAX_HASHES * 2 + 1)) {
                int eq = part.indexOf('=');
                if (eq >= 0 && part.substring(0, eq).trim().equalsIgnoreCase("IMPHASH")) {
                    continue;
                }
                PrevalenceValue h = of(PrevalenceKind.HASH, eq >= 0 ? part.substring(eq + 1) : part);
                if (h != null && !out.contains(h) && hashes < MAX_HASHES) {
                    out.add(h);
                    hashes++;
                }
            }
        }
        String commandLine = event.field("CommandLine");
        v = commandLine == null ? null : of(PrevalenceKind.COMMAND_LINE, commandLine);
        if (v != null) {
            out.add(v);
        }
        return out;
    }

    private static boolean isHash(String v) {
        int n = v.length();
        if (n != 32 && n != 40 && n != 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
