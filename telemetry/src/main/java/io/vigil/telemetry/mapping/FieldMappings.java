package io.vigil.telemetry.mapping;

import io.vigil.telemetry.TelemetryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps field names and categories to the Sigma taxonomy: ECS ↔ Sigma names (with the {@code
 * winlog.event_data.*} fallback), per-event renames such as Security 4688 → process_creation names,
 * channel/event id → Sigma category, the canonical spelling of channel names, and the Linux syscall
 * numbers the auditd parser understands.
 *
 * <p>All of it is loaded from resource files ({@code *.map}, {@code channels.txt}) in this package.
 * Instances are immutable and thread-safe.
 */
public final class FieldMappings {
    private static final String EVENT_DATA_PREFIX = "winlog.event_data.";
    private static final FieldMappings DEFAULTS = load();

    private final Map<String, String> ecsToSigma;
    private final Map<String, String> sigmaToEcs;
    private final Map<String, Map<String, String>> renamesByEvent;
    private final Map<String, String> categories;
    private final Map<String, List<String[]>> categoryOverrides;
    private final Map<String, String> channels;
    private final Map<String, String> syscalls;
    private final Map<String, String> ecsCategories;
    private final Map<String, String> agentTypes;

    private FieldMappings(
            Map<String, String> ecsToSigma,
            Map<String, Map<String, String>> renamesByEvent,
            Map<String, String> categories,
            Map<String, List<String[]>> categoryOverrides,
            Map<String, String> channels,
            Map<String, String> syscalls,
            Map<String, String> ecsCategories,
            Map<String, String> agentTypes) {
        this.ecsToSigma = Map.copyOf(ecsToSigma);
        Map<String, String> reverse = new HashMap<>();
        ecsToSigma.forEach((ecs, sigma) -> reverse.putIfAbsent(sigma, ecs));
        this.sigmaToEcs = Map.copyOf(reverse);
        this.renamesByEvent = Map.copyOf(renamesByEvent);
        this.categories = Map.copyOf(categories);
        this.categoryOverrides = Map.copyOf(categoryOverrides);
        this.channels = Map.copyOf(channels);
        this.syscalls = Map.copyOf(syscalls);
        this.ecsCategories = Map.copyOf(ecsCategories);
        this.agentTypes = Map.copyOf(agentTypes);
    }

    /** {@return the mappings shipped with Vigil} */
    public static FieldMappings defaults() {
        return DEFAULTS;
    }

    /**
     * Finds the Sigma name of an ECS field.
     *
     * @param ecsField a dotted ECS name, e.g. {@code process.command_line}
     * @return the Sigma name ({@code CommandLine}), the part after {@code winlog.event_data.}, or
     *     {@code null} when the field has no Sigma counterpart
     */
    public @Nullable String sigmaNameForEcs(String ecsField) {
        String mapped = ecsToSigma.get(ecsField);
        if (mapped != null) {
            return mapped;
        }
        if (ecsField.startsWith(EVENT_DATA_PREFIX) && ecsField.length() > EVENT_DATA_PREFIX.length()) {
            return ecsField.substring(EVENT_DATA_PREFIX.length());
        }
        return null;
    }

    /**
     * Finds the ECS name of a Sigma field.
     *
     * @param sigmaField a Sigma name, e.g. {@code CommandLine}
     * @return the ECS name, or {@code winlog.event_data.<sigmaField>} when ECS has none
     */
    public String ecsNameForSigma(String sigmaField) {
        String mapped = sigmaToEcs.get(sigmaField);
        return mapped != null ? mapped : EVENT_DATA_PREFIX + sigmaField;
    }

    /**
     * Finds the Sigma logsource category of a Windows event.
     *
     * @param channel the channel, any case
     * @param eventId the event id
     * @return the category, or {@code null} when none is known
     */
    public @Nullable String sigmaCategory(String channel, int eventId) {
        return categories.get(eventKey(channel, eventId));
    }

    /**
     * Finds the Sigma logsource category of a Windows event, taking field-specific entries into
     * account (Sysmon 12 is {@code registry_delete} when {@code EventType} is {@code DeleteKey}).
     *
     * @param channel the channel, any case
     * @param eventId the event id
     * @param fields the event's fields
     * @return the category, or {@code null} when none is known
     */
    public @Nullable String sigmaCategory(String channel, int eventId, Map<String, String> fields) {
        String key = eventKey(channel, eventId);
        for (String[] override : categoryOverrides.getOrDefault(key, List.of())) {
            if (override[1].equalsIgnoreCase(fields.getOrDefault(override[0], ""))) {
                return override[2];
            }
        }
        return categories.get(key);
    }

    /**
     * Spells a channel name the way Windows does ({@code security} → {@code Security}).
     *
     * @param channel the channel as found in the input
     * @return the canonical spelling, or the input when the channel is not a well-known one
     */
    public String canonicalChannel(String channel) {
        return channels.getOrDefault(channel.toLowerCase(Locale.ROOT), channel);
    }

    /**
     * Renames a Windows event's fields to Sigma names (e.g. Security 4688 {@code NewProcessName} →
     * {@code Image}). Originals stay unless a renamed field takes their name.
     *
     * @param channel the channel, any case
     * @param eventId the event id
     * @param fields the fields as found in the record
     * @return the renamed fields, in the original order (a new map)
     */
    public Map<String, String> renameWindowsFields(String channel, int eventId, Map<String, String> fields) {
        Map<String, String> renames = renamesByEvent.get(eventKey(channel, eventId));
        if (renames == null) {
            return new LinkedHashMap<>(fields);
        }
        Map<String, String> result = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            String target = renames.get(name);
            result.put(target != null ? target : name, value);
        });
        fields.forEach((name, value) -> {
            if (renames.containsKey(name)) {
                result.putIfAbsent(name, value);
            }
        });
        return result;
    }

    /**
     * Names a Linux syscall from an audit record.
     *
     * @param arch the audit {@code arch} value, e.g. {@code c000003e} for x86_64
     * @param number the syscall number as written in the record
     * @return the name, e.g. {@code execve}, or {@code null} when not one Vigil turns into events
     */
    public @Nullable String syscallName(String arch, String number) {
        return syscalls.get(arch.toLowerCase(Locale.ROOT) + "|" + number);
    }

    /**
     * Finds the Sigma category of an ECS document that is not a Windows event log record.
     *
     * @param categories the document's {@code event.category} values
     * @param types the document's {@code event.type} values
     * @return the category, or {@code null} when none matches
     */
    public @Nullable String sigmaCategoryForEcs(List<String> categories, List<String> types) {
        for (String category : categories) {
            for (String type : types) {
                String found = ecsCategories.get(category + "|" + type);
                if (found != null) {
                    return found;
                }
            }
            String any = ecsCategories.get(category + "|*");
            if (any != null) {
                return any;
            }
        }
        return null;
    }

    /**
     * Finds the Sigma category of a Vigil agent event type (docs/agent-protocol.md).
     *
     * @param type the event's {@code type}, e.g. {@code process_start}
     * @return the category, or {@code null} for unknown types and {@code event_log}
     */
    public @Nullable String sigmaCategoryForAgentType(String type) {
        return agentTypes.get(type);
    }

    private static String eventKey(String channel, int eventId) {
        return channel.toLowerCase(Locale.ROOT) + "|" + eventId;
    }

    private static FieldMappings load() {
        Map<String, String> ecs = new LinkedHashMap<>();
        for (String[] entry : readPairs("ecs-sigma.map")) {
            ecs.put(entry[0], entry[1]);
        }
        Map<String, Map<String, String>> renames = new HashMap<>();
        for (String[] entry : readPairs("windows-renames.map")) {
            String[] key = splitKey(entry[0], 3, "windows-renames.map");
            renames.computeIfAbsent(eventKey(key[0], Integer.parseInt(key[1])), k -> new HashMap<>())
                    .put(key[2], entry[1]);
        }
        Map<String, String> categories = new HashMap<>();
        Map<String, List<String[]>> overrides = new HashMap<>();
        for (String[] entry : readPairs("sigma-categories.map")) {
            boolean conditional = entry[0].chars().filter(c -> c == '|').count() == 2;
            String[] key = splitKey(entry[0], conditional ? 3 : 2, "sigma-categories.map");
            String eventKey = eventKey(key[0], Integer.parseInt(key[1]));
            if (conditional) {
                String[] condition = key[2].split("=", 2);
                if (condition.length != 2) {
                    throw new TelemetryException("bad condition '" + key[2] + "' in sigma-categories.map", false);
                }
                overrides
                        .computeIfAbsent(eventKey, k -> new ArrayList<>())
                        .add(new String[] {condition[0].strip(), condition[1].strip(), entry[1]});
            } else {
                categories.put(eventKey, entry[1]);
            }
        }
        Map<String, String> channels = new HashMap<>();
        for (String line : readLines("channels.txt")) {
            channels.put(line.toLowerCase(Locale.ROOT), line);
        }
        Map<String, String> syscalls = new HashMap<>();
        for (String[] entry : readPairs("auditd-syscalls.map")) {
            String[] key = splitKey(entry[0], 2, "auditd-syscalls.map");
            syscalls.put(key[0].toLowerCase(Locale.ROOT) + "|" + key[1], entry[1]);
        }
        Map<String, String> ecsCategories = new HashMap<>();
        for (String[] entry : readPairs("ecs-categories.map")) {
            String[] key = splitKey(entry[0], 2, "ecs-categories.map");
            ecsCategories.put(key[0] + "|" + key[1], entry[1]);
        }
        Map<String, String> agentTypes = new HashMap<>();
        for (String[] entry : readPairs("agent-event-types.map")) {
            agentTypes.put(entry[0], entry[1]);
        }
        return new FieldMappings(ecs, renames, categories, overrides, channels, syscalls, ecsCategories, agentTypes);
    }

    private static String[] splitKey(String key, int parts, String resource) {
        String[] split = key.split("\\|");
        if (split.length != parts) {
            throw new TelemetryException("bad key '" + key + "' in mapping resource " + resource, false);
        }
        for (int i = 0; i < split.length; i++) {
            split[i] = split[i].strip();
        }
        return split;
    }

    private static List<String[]> readPairs(String resource) {
        List<String[]> pairs = new ArrayList<>();
        for (String line : readLines(resource)) {
            int eq = line.lastIndexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw new TelemetryException("bad line '" + line + "' in mapping resource " + resource, false);
            }
            pairs.add(new String[] {
                line.substring(0, eq).strip(), line.substring(eq + 1).strip()
            });
        }
        return pairs;
    }

    private static List<String> readLines(String resource) {
        try (InputStream in = FieldMappings.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new TelemetryException("mapping resource missing from the jar: " + resource, false);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String stripped = line.strip();
                if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                    lines.add(stripped);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new TelemetryException("cannot read mapping resource " + resource, e, false);
        }
    }
}
