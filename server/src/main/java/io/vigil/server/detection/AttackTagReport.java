package io.vigil.server.detection;

import io.vigil.server.detection.attack.AttackCatalog;
import io.vigil.server.detection.attack.AttackTag;
import io.vigil.sigma.RuleMetadata;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the ATT&amp;CK tags of loaded rules resolve in the bundled catalog: current ids, revoked ids
 * and former tactic names (mapped to today's), and ids the catalog does not know (kept as written).
 */
record AttackTagReport(
        String version,
        int current,
        Map<String, String> mapped,
        Map<String, Integer> unknown,
        int rulesWithoutTechnique) {

    static AttackTagReport of(List<RuleMetadata> rules) {
        AttackCatalog catalog = AttackCatalog.bundled();
        int current = 0;
        int withoutTechnique = 0;
        Map<String, String> mapped = new TreeMap<>();
        Map<String, Integer> unknown = new TreeMap<>();
        for (RuleMetadata rule : rules) {
            boolean technique = false;
            for (String tag : rule.tags()) {
                AttackTag resolved = catalog.resolve(tag).orElse(null);
                if (resolved == null) {
                    continue;
                }
                String key = tag.toLowerCase(Locale.ROOT);
                switch (resolved) {
                    case AttackTag.TacticRef t -> {
                        if (t.formerName() == null) {
                            current++;
                        } else {
                            mapped.put(key, t.display());
                        }
                    }
                    case AttackTag.TechniqueRef t -> {
                        technique = true;
                        if (t.revokedId() == null) {
                            current++;
                        } else {
                            mapped.put(key, t.display());
                        }
                    }
                    case AttackTag.Unknown u -> unknown.merge(u.id(), 1, Integer::sum);
                }
            }
            withoutTechnique += technique ? 0 : 1;
        }
        return new AttackTagReport(catalog.version(), current, mapped, unknown, withoutTechnique);
    }

    void print(PrintStream out) {
        out.println();
        out.printf(
                "ATT&CK tags (catalog v%s): %d current, %d distinct revoked or former ids mapped, %d distinct unknown"
                        + " (kept as written); %d rules without a technique tag%n",
                version, current, mapped.size(), unknown.size(), rulesWithoutTechnique);
        mapped.forEach((tag, now) -> out.printf("  mapped   %s -> %s%n", tag, now));
        unknown.forEach((id, n) -> out.printf("  unknown  %s (%d tags)%n", id, n));
    }
}
