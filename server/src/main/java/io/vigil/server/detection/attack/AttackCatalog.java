package io.vigil.server.detection.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MITRE ATT&amp;CK Enterprise catalog of one version: tactics (with former short names such as
 * {@code defense-evasion}), techniques and sub-techniques with their tactics, deprecated techniques,
 * and revoked ids with their replacements. Immutable and thread-safe.
 *
 * <p>{@link #bundled()} reads {@code enterprise-attack.tsv} next to this class, a compact file
 * derived from the ATT&amp;CK data set (see docs/detection-rules.md for how it is regenerated). Each
 * line is tab-separated: {@code version V}, {@code tactic ID SHORT NAME}, {@code former-tactic ID
 * SHORT NAME}, {@code technique ID NAME TACTICS(;) active|deprecated}, {@code revoked ID NAME
 * REPLACEMENT}; {@code #} starts a comment.
 */
public final class AttackCatalog {

    private static final String RESOURCE = "enterprise-attack.tsv";
    private static final Pattern TECHNIQUE_ID = Pattern.compile("t\\d{4}(\\.\\d{3})?");
    private static final Pattern OTHER_ID = Pattern.compile("[gsmcda]\\d{4}|ta\\d{4}");

    private final String version;
    private final Map<String, Tactic> tactics;
    private final Map<String, Tactic> formerTactics;
    private final Map<String, Technique> techniques;
    private final Map<String, String> revoked;

    private AttackCatalog(
            String version,
            Map<String, Tactic> tactics,
            Map<String, Tactic> formerTactics,
            Map<String, Technique> techniques,
            Map<String, String> revoked) {
        this.version = version;
        this.tactics = Collections.unmodifiableMap(tactics);
        this.formerTactics = Collections.unmodifiableMap(formerTactics);
        this.techniques = Collections.unmodifiableMap(techniques);
        this.revoked = Collections.unmodifiableMap(revoked);
    }

    private static final class Bundled {
        static final AttackCatalog INSTANCE = load();

        private static AttackCatalog load() {
            try (InputStream in = AttackCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /** The catalog shipped with Vigil (read once). */
    public static AttackCatalog bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * Reads a catalog in the compact format described on the class.
     *
     * @throws IllegalArgumentException naming the line of the first malformed entry
     */
    public static AttackCatalog parse(String text) {
        String version = "";
        Map<String, Tactic> tactics = new LinkedHashMap<>();
        Map<String, Tactic> formerTactics = new LinkedHashMap<>();
        Map<String, Technique> techniques = new LinkedHashMap<>();
        Map<String, String> revoked = new LinkedHashMap<>();
        List<String[]> techniqueLines = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.lines().toList()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "version" -> version = column(f, 1, 2);
                    case "tactic" -> {
                        Tactic t = new Tactic(column(f, 1, 4), f[2], f[3]);
                        tactics.put(t.shortName(), t);
                        tactics.put(t.id().toLowerCase(Locale.ROOT), t);
                    }
                    case "former-tactic" -> formerTactics.put(column(f, 2, 4), new Tactic(f[1], f[2], f[3]));
                    case "technique" -> {
                        column(f, 1, 5);
                        techniqueLines.add(f);
                    }
                    case "revoked" -> revoked.put(column(f, 1, 4), f[3]);
                    default -> throw new IllegalArgumentException("unknown entry '" + f[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ATT&CK catalog line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        techniqueLines.forEach(f -> names.put(f[1], f[2]));
        for (String[] f : techniqueLines) {
            List<Tactic> own = new ArrayList<>();
            for (String shortName : f[3].split(";", -1)) {
                Tactic t = tactics.get(shortName);
                if (t == null) {
                    throw new IllegalArgumentException(
                            "technique " + f[1] + " names unknown tactic '" + shortName + "'");
                }
                own.add(t);
            }
            int dot = f[1].indexOf('.');
            String parent = dot < 0 ? null : names.get(f[1].substring(0, dot));
            if (dot > 0 && parent == null) {
                throw new IllegalArgumentException("sub-technique " + f[1] + " has no parent technique");
            }
            techniques.put(f[1], new Technique(f[1], f[2], own, f[4].equals("deprecated"), parent));
        }
        revoked.forEach((id, replacement) -> {
            if (!techniques.containsKey(replacement)) {
                throw new IllegalArgumentException("revoked " + id + " is replaced by unknown " + replacement);
            }
        });
        if (version.isEmpty()) {
            throw new IllegalArgumentException("ATT&CK catalog has no version line");
        }
        return new AttackCatalog(version, tactics, formerTactics, techniques, revoked);
    }

    private static String column(String[] fields, int index, int expected) {
        if (fields.length != expected) {
            throw new IllegalArgumentException("'" + fields[0] + "' takes " + (expected - 1) + " values, not "
                    + (fields.length - 1) + ": " + Arrays.toString(fields));
        }
        return fields[index];
    }

    /** The ATT&amp;CK version, e.g. {@code 19.1}. */
    public String version() {
        return version;
    }

    /** The current tactics, in the data set's (kill chain) order. */
    public List<Tactic> tactics() {
        return tactics.values().stream().distinct().toList();
    }

    /** Every technique and sub-technique (deprecated ones included), by id order of the data set. */
    public List<Technique> techniques() {
        return List.copyOf(techniques.values());
    }

    /**
     * A current tactic by short name ({@code credential-access}, {@code credential_access}) or id
     * ({@code TA0006}), case-insensitive; former short names are not current (see {@link #resolve}).
     */
    public Optional<Tactic> tactic(String shortNameOrId) {
        return Optional.ofNullable(
                tactics.get(shortNameOrId.toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    /** A technique or sub-technique by id ({@code T1003.001}, any case); revoked ids are not techniques. */
    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(techniques.get(id.toUpperCase(Locale.ROOT)));
    }

    /** The technique that replaced a revoked id ({@code T1070.001} → {@code T1685.005}). */
    public Optional<Technique> replacementOf(String revokedId) {
        String replacement = revoked.get(revokedId.toUpperCase(Locale.ROOT));
        return replacement == null ? Optional.empty() : Optional.ofNullable(techniques.get(replacement));
    }

    /**
     * Resolves a Sigma tag. Empty for tags outside the {@code attack.} namespace ({@code cve.…},
     * {@code detection.…}); every {@code attack.} tag gives a result, unknown ones as {@link
     * AttackTag.Unknown}.
     */
    public Optional<AttackTag> resolve(String tag) {
        if (tag.length() <= 7 || !tag.regionMatches(true, 0, "attack.", 0, 7)) {
            return Optional.empty();
        }
        String rest = tag.substring(7).toLowerCase(Locale.ROOT);
        if (TECHNIQUE_ID.matcher(rest).matches()) {
            String id = rest.toUpperCase(Locale.ROOT);
            Technique current = techniques.get(id);
            if (current != null) {
                return Optional.of(new AttackTag.TechniqueRef(tag, current, null));
            }
            return Optional.of(replacementOf(id)
                    .<AttackTag>map(t -> new AttackTag.TechniqueRef(tag, t, id))
                    .orElseGet(() -> new AttackTag.Unknown(tag, id)));
        }
        String name = rest.replace('_', '-');
        Tactic tactic = tactics.get(name);
        if (tactic != null) {
            return Optional.of(new AttackTag.TacticRef(tag, tactic, null));
        }
        Tactic former = formerTactics.get(name);
        if (former != null) {
            Tactic now = tactics.get(former.id().toLowerCase(Locale.ROOT));
            return Optional.of(
                    now == null
                            ? new AttackTag.Unknown(tag, former.shortName())
                            : new AttackTag.TacticRef(tag, now, former.shortName()));
        }
        return Optional.of(new AttackTag.Unknown(
                tag, OTHER_ID.matcher(rest).matches() ? rest.toUpperCase(Locale.ROOT) : tag.substring(7)));
    }
}
