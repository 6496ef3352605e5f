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
 * @param value the normalised value (image lower-cased, hash lower-case hex, command line trimmed with
 *     its run-specific parts replaced: see {@link #commandLineShape})
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
            case COMMAND_LINE -> commandLineShape(v);
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

    /**
     * A command line with the parts that change from run to run replaced, so that one program
     * started the same way counts as one command line across the fleet: a GUID becomes {@code
     * <guid>}, a run of 12 or more hex digits holding a digit becomes {@code <hex>}, and every other
     * number becomes {@code #} (digits right after a letter are part of a name: {@code rundll32},
     * {@code Office16}, {@code x64} stay). {@code chrome.exe --renderer-client-id=17
     * --field-trial-handle=2344,i,1029} and the same with other numbers are one value; a command
     * line that differs in words, switches, paths or encoded text (e.g. {@code -enc} with another
     * script) stays another value.
     */
    static String commandLineShape(String commandLine) {
        int n = commandLine.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = commandLine.charAt(i);
            if (!isHexDigit(c) || (i > 0 && isHexDigit(commandLine.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = i;
            boolean digit = false;
            boolean letter = false;
            while (end < n && isHexDigit(commandLine.charAt(end))) {
                digit |= commandLine.charAt(end) <= '9';
                letter |= commandLine.charAt(end) > '9';
                end++;
            }
            String replacement = null;
            int replacedEnd = end;
            int guidEnd = guidEnd(commandLine, i);
            if (guidEnd > 0) {
                replacement = "<guid>";
                replacedEnd = guidEnd;
            } else if (digit && end - i >= 12) {
                replacement = "<hex>";
            } else if (digit && !letter && (i == 0 || !Character.isLetter(commandLine.charAt(i - 1)))) {
                replacement = "#"; // a number, not the end of a name such as rundll32 or x64
            }
            if (replacement != null) {
                out = out == null ? new StringBuilder(n) : out;
                out.append(commandLine, copied, i).append(replacement);
                copied = replacedEnd;
            }
            i = Math.max(replacedEnd, end);
        }
        if (out == null) {
            return commandLine;
        }
        return out.append(commandLine, copied, n).toString();
    }

    /** The end of the GUID ({@code 8-4-4-4-12} hex digits) starting at {@code from}, or -1. */
    private static int guidEnd(String s, int from) {
        int[] groups = {8, 4, 4, 4, 12};
        int i = from;
        for (int g = 0; g < groups.length; g++) {
            for (int k = 0; k < groups[g]; k++, i++) {
                if (i >= s.length() || !isHexDigit(s.charAt(i))) {
                    return -1;
                }
            }
            if (g < groups.length - 1) {
                if (i >= s.length() || s.charAt(i) != '-') {
                    return -1;
                }
                i++;
            }
        }
        return i < s.length() && isHexDigit(s.charAt(i)) ? -1 : i;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
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
