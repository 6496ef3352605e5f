package io.vigil.sigma;

import io.vigil.sigma.internal.LogSourceMappingReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps a rule's {@code logsource} to the event conditions that select its events, from data. The
 * built-in mapping ({@code io/vigil/sigma/logsources.yml}) is derived from SigmaHQ's
 * {@code tests/thor.yml}: Windows channels, Sysmon event ids per category, Security 4688 for
 * process creation with its field renames. Tenants and inputs add or override entries with
 * {@link #plus(LogSourceMapping)}.
 *
 * <p>A log source without an entry has no conditions: its rules only match events that declare it
 * (see {@link SigmaEvent#logSource()}).
 */
public final class LogSourceMapping {
    private static final LogSourceMapping BUILT_IN = loadBuiltIn();
    private final Map<LogSource, List<LogSourceVariant>> entries;

    private LogSourceMapping(Map<LogSource, List<LogSourceVariant>> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** The mapping shipped with the engine. */
    public static LogSourceMapping builtIn() {
        return BUILT_IN;
    }

    /** A mapping with no entries: no rule is restricted to any events. */
    public static LogSourceMapping empty() {
        return new LogSourceMapping(Map.of());
    }

    /**
     * Reads a mapping file ({@code mappings: [{product, category, service, variants: [{conditions,
     * fields}]}]}). Problems are added to {@code problems}.
     */
    public static LogSourceMapping parse(String file, String yaml, List<RuleProblem> problems) {
        return new LogSourceMapping(LogSourceMappingReader.read(file, yaml, problems));
    }

    /** This mapping with {@code other}'s entries added; other wins on the same log source. */
    public LogSourceMapping plus(LogSourceMapping other) {
        Map<LogSource, List<LogSourceVariant>> merged = new LinkedHashMap<>(entries);
        merged.putAll(other.entries);
        return new LogSourceMapping(merged);
    }

    /**
     * The variants for a rule's log source: an exact entry, else the entry for product and
     * category, else for product and service; empty when unmapped.
     */
    public List<LogSourceVariant> variantsFor(LogSource source) {
        Objects.requireNonNull(source, "source");
        List<LogSourceVariant> exact = entries.get(source);
        if (exact != null) {
            return exact;
        }
        List<LogSourceVariant> out = new ArrayList<>();
        if (source.category() != null) {
            out = entries.getOrDefault(new LogSource(source.product(), source.category(), null), List.of());
        }
        if (out.isEmpty() && source.service() != null) {
            out = entries.getOrDefault(new LogSource(source.product(), null, source.service()), List.of());
        }
        return out;
    }

    /** Number of mapped log sources. */
    public int size() {
        return entries.size();
    }

    private static LogSourceMapping loadBuiltIn() {
        try (InputStream in = LogSourceMapping.class.getResourceAsStream("logsources.yml")) {
            if (in == null) {
                throw new SigmaException("built-in log source mapping io/vigil/sigma/logsources.yml is missing");
            }
            List<RuleProblem> problems = new ArrayList<>();
            LogSourceMapping m =
                    parse("logsources.yml", new String(in.readAllBytes(), StandardCharsets.UTF_8), problems);
            if (!problems.isEmpty()) {
                throw new SigmaException("built-in log source mapping is invalid: " + problems);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
