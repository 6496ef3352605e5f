package io.vigil.server.detection;

import io.vigil.server.platform.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a tenant changed about the rules in force.
 *
 * @param tenant whose settings these are
 * @param revision bumped with every stored change (0: never changed)
 * @param texts custom rules and exclusions, oldest first
 * @param disabledRules rule ids switched off
 * @param disabledPacks pack ids switched off ({@link RulePacks.Pack#id()})
 * @param placeholders values for {@code |expand} placeholders
 */
public record TenantRuleSettings(
        TenantId tenant,
        long revision,
        List<TenantRuleText> texts,
        Set<String> disabledRules,
        Set<String> disabledPacks,
        Map<String, List<String>> placeholders) {

    public TenantRuleSettings {
        texts = List.copyOf(texts);
        disabledRules = Set.copyOf(disabledRules);
        disabledPacks = Set.copyOf(disabledPacks);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        placeholders.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        placeholders = java.util.Collections.unmodifiableMap(copy);
    }

    /** A tenant that changed nothing. */
    public static TenantRuleSettings none(TenantId tenant) {
        return new TenantRuleSettings(tenant, 0, List.of(), Set.of(), Set.of(), Map.of());
    }

    /** Whether the tenant needs a rule set of its own (anything set at all). */
    public boolean customised() {
        return !texts.isEmpty() || !disabledRules.isEmpty() || !disabledPacks.isEmpty() || !placeholders.isEmpty();
    }

    /** These settings with {@code text} added, or in place of the text with its id. */
    public TenantRuleSettings withText(TenantRuleText text) {
        List<TenantRuleText> all = new ArrayList<>();
        boolean replaced = false;
        for (TenantRuleText t : texts) {
            if (t.id().equals(text.id())) {
                all.add(text);
                replaced = true;
            } else {
                all.add(t);
            }
        }
        if (!replaced) {
            all.add(text);
        }
        return new TenantRuleSettings(tenant, revision, all, disabledRules, disabledPacks, placeholders);
    }

    /** These settings without the text with this id. */
    public TenantRuleSettings withoutText(String id) {
        return new TenantRuleSettings(
                tenant,
                revision,
                texts.stream().filter(t -> !t.id().equals(id)).toList(),
                disabledRules,
                disabledPacks,
                placeholders);
    }

    /** These settings with a rule or pack switched on or off. */
    public TenantRuleSettings withSwitch(boolean pack, String target, boolean enabled) {
        Set<String> rules = new TreeSet<>(disabledRules);
        Set<String> packs = new TreeSet<>(disabledPacks);
        Set<String> changed = pack ? packs : rules;
        if (enabled) {
            changed.remove(target);
        } else {
            changed.add(target);
        }
        return new TenantRuleSettings(tenant, revision, texts, rules, packs, placeholders);
    }

    /** These settings with other placeholder values. */
    public TenantRuleSettings withPlaceholders(Map<String, List<String>> values) {
        return new TenantRuleSettings(tenant, revision, texts, disabledRules, disabledPacks, values);
    }
}
