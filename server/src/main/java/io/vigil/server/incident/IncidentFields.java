package io.vigil.server.incident;

import io.vigil.server.platform.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an incident the SOC edits, validated together: every problem is reported at once,
 * each naming its field.
 */
public record IncidentFields(
        Priority priority,
        String summary,
        String statusDescription,
        String recommendations,
        String description,
        List<String> mitreTactics,
        List<String> mitreTechniques,
        String detectionTechnology,
        String attackStage,
        List<String> affectedHosts,
        List<IncidentIoc> hostBasedIocs,
        List<IncidentIoc> networkBasedIocs) {

    /** The longest summary. */
    public static final int MAX_SUMMARY = 1000;
    /** The longest Markdown text (description, recommendations, status description, comments). */
    public static final int MAX_TEXT = 100_000;
    /** The most entries in a list field. */
    public static final int MAX_LIST = 1000;
    /** The longest entry of a list field (host, tactic, IoC value …). */
    public static final int MAX_ITEM = 2000;

    public IncidentFields {
        mitreTactics = List.copyOf(mitreTactics);
        mitreTechniques = List.copyOf(mitreTechniques);
        affectedHosts = List.copyOf(affectedHosts);
        hostBasedIocs = List.copyOf(hostBasedIocs);
        networkBasedIocs = List.copyOf(networkBasedIocs);
        List<ValidationException.Problem> problems = new ArrayList<>();
        text(problems, "summary", summary, MAX_SUMMARY);
        text(problems, "statusDescription", statusDescription, MAX_TEXT);
        text(problems, "recommendations", recommendations, MAX_TEXT);
        text(problems, "description", description, MAX_TEXT);
        text(problems, "detectionTechnology", detectionTechnology, MAX_ITEM);
        text(problems, "attackStage", attackStage, MAX_ITEM);
        list(problems, "mitreTactics", mitreTactics);
        list(problems, "mitreTechniques", mitreTechniques);
        list(problems, "affectedHosts", affectedHosts);
        iocs(problems, "hostBasedIocs", hostBasedIocs);
        iocs(problems, "networkBasedIocs", networkBasedIocs);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /** Each field's value as text, in a fixed order: what the history compares. */
    public Map<String, String> asText() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("priority", priority.name());
        m.put("summary", summary);
        m.put("statusDescription", statusDescription);
        m.put("recommendations", recommendations);
        m.put("description", description);
        m.put("mitreTactics", String.join(", ", mitreTactics));
        m.put("mitreTechniques", String.join(", ", mitreTechniques));
        m.put("detectionTechnology", detectionTechnology);
        m.put("attackStage", attackStage);
        m.put("affectedHosts", String.join(", ", affectedHosts));
        m.put("hostBasedIocs", iocText(hostBasedIocs));
        m.put("networkBasedIocs", iocText(networkBasedIocs));
        return m;
    }

    private static String iocText(List<IncidentIoc> iocs) {
        StringBuilder b = new StringBuilder();
        for (IncidentIoc i : iocs) {
            if (!b.isEmpty()) {
                b.append("; ");
            }
            b.append(i.type()).append(':').append(i.value());
            if (!i.context().isEmpty()) {
                b.append(" (").append(i.context()).append(')');
            }
        }
        return b.toString();
    }

    private static void text(List<ValidationException.Problem> problems, String field, String value, int max) {
        if (value.length() > max) {
            problems.add(new ValidationException.Problem(
                    field, "At most " + max + " characters, not " + value.length() + "."));
        }
        if (value.indexOf('\0') >= 0) {
            problems.add(new ValidationException.Problem(field, "Contains a NUL character."));
        }
    }

    private static void list(List<ValidationException.Problem> problems, String field, List<String> values) {
        if (values.size() > MAX_LIST) {
            problems.add(new ValidationException.Problem(
                    field, "At most " + MAX_LIST + " entries, not " + values.size() + "."));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v.isBlank() || v.length() > MAX_ITEM || v.indexOf('\0') >= 0) {
                problems.add(new ValidationException.Problem(
                        field + "[" + i + "]",
                        "Each entry must be 1 to " + MAX_ITEM + " characters of text, without NUL."));
            }
        }
    }

    private static void iocs(List<ValidationException.Problem> problems, String field, List<IncidentIoc> iocs) {
        if (iocs.size() > MAX_LIST) {
            problems.add(new ValidationException.Problem(
                    field, "At most " + MAX_LIST + " entries, not " + iocs.size() + "."));
            return;
        }
        for (int i = 0; i < iocs.size(); i++) {
            IncidentIoc ioc = iocs.get(i);
            if (ioc.type().isBlank()
                    || ioc.value().isBlank()
                    || ioc.type().length() > 100
                    || ioc.value().length() > MAX_ITEM
                    || ioc.context().length() > MAX_ITEM) {
                problems.add(new ValidationException.Problem(
                        field + "[" + i + "]",
                        "An IoC needs a type (≤100 characters) and a value (≤" + MAX_ITEM + "); context is optional (≤"
                                + MAX_ITEM + ")."));
            }
        }
    }
}
