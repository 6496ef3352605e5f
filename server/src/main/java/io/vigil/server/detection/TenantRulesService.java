package io.vigil.server.detection;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.sigma.RuleMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's own detection settings: custom rules, exclusions, placeholder values, rules and packs
 * switched off. Every change is compiled with the rules in force before it is stored (refused with
 * every problem, nothing stored), audited, and in force for the tenant's next event. Provider admins
 * and the SOC analysts assigned to the tenant change them; the tenant's own users may read them.
 */
@Service
public class TenantRulesService {

    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_NAME = 200;
    private static final int MAX_VALUE = 1024;

    /** What a tenant set, with the problems its stored texts have against today's shared rules. */
    public record Settings(
            long revision,
            List<TenantRuleText> customRules,
            List<TenantRuleText> exclusions,
            Set<String> disabledRules,
            Set<String> disabledPacks,
            Map<String, List<String>> placeholders,
            List<RuleTextProblem> problems) {}

    /** The outcome of a dry run: the problems, and the rules the text holds when it loads. */
    public record Validation(boolean valid, List<RuleTextProblem> problems, List<RuleView> rules) {}

    /** A rule as a tenant sees it: where it comes from and whether it runs for the tenant. */
    public record RuleView(
            String id,
            String title,
            @Nullable String level,
            String kind,
            String pack,
            boolean enabled,
            @Nullable String switchedOff,
            String file,
            int line) {}

    /** A page of a tenant's rules. */
    public record RulePage(int total, int offset, List<RuleView> rules) {}

    /** A pack as a tenant sees it. */
    public record PackView(String id, String name, String location, int files, String attribution, boolean enabled) {}

    private final TenantRulesRepository repository;
    private final TenantRuleSets ruleSets;
    private final RulePacks packs;
    private final DetectionProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    TenantRulesService(
            TenantRulesRepository repository,
            TenantRuleSets ruleSets,
            RulePacks packs,
            DetectionProperties properties,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock) {
        this.repository = repository;
        this.ruleSets = ruleSets;
        this.packs = packs;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Throws unless the actor sees the tenant: checked before a request body is read. */
    public void requireVisible(Actor actor, TenantId tenant) {
        actor.requireVisible(tenant);
    }

    /** {@return the tenant's settings; anyone who sees the tenant} */
    public Settings settings(Actor actor, TenantId tenant) {
        actor.requireVisible(tenant);
        TenantRuleSettings s = repository.load(tenant);
        TenantRuleSets.Built built = ruleSets.builtFor(tenant);
        return new Settings(
                s.revision(),
                s.texts().stream()
                        .filter(t -> t.kind() == TenantRuleText.Kind.RULE)
                        .toList(),
                s.texts().stream()
                        .filter(t -> t.kind() == TenantRuleText.Kind.EXCLUSION)
                        .toList(),
                s.disabledRules(),
                s.disabledPacks(),
                s.placeholders(),
                built == null ? List.of() : built.compiled().problems());
    }

    /** {@return one custom rule or exclusion} */
    public TenantRuleText text(Actor actor, TenantId tenant, TenantRuleText.Kind kind, String id) {
        actor.requireVisible(tenant);
        return find(repository.load(tenant), kind, id);
    }

    /** Compiles a text with the tenant's settings and the rules in force, storing nothing. */
    public Validation validate(
            Actor actor, TenantId tenant, TenantRuleText.Kind kind, @Nullable String replacing, String text) {
        requireEditor(actor, tenant);
        checkText(text);
        TenantRuleSettings before = repository.load(tenant);
        String id = replacing == null ? "new" : find(before, kind, replacing).id();
        Instant now = clock.instant();
        TenantRuleText candidate = new TenantRuleText(id, tenant, kind, "", text, now, "", now, "");
        TenantRuleCompiler.Compiled compiled = TenantRuleCompiler.compile(before.withText(candidate), packs.current());
        List<RuleTextProblem> problems = newProblems(tenant, compiled, candidate.file());
        List<RuleView> rules = new ArrayList<>();
        for (RuleMetadata m : compiled.rules().rules()) {
            if (m.file().equals(candidate.file())) {
                rules.add(view(m, compiled.packOf(m), before));
            }
        }
        return new Validation(problems.isEmpty(), problems, rules);
    }

    /** Stores a new custom rule or exclusion, once it compiles. */
    public TenantRuleText create(
            Actor actor, TenantId tenant, TenantRuleText.Kind kind, String name, String text, String remote) {
        requireEditor(actor, tenant);
        checkName(name);
        checkText(text);
        Instant now = clock.instant();
        TenantRuleText created = new TenantRuleText(
                UUID.randomUUID().toString(), tenant, kind, name.strip(), text, now, actor.name(), now, actor.name());
        change(actor, tenant, s -> {
                    if (s.texts().size() >= properties.tenantRuleMaxTexts()) {
                        throw new ValidationException(
                                "text",
                                "The tenant has " + s.texts().size() + " custom rules and exclusions, the most"
                                        + " allowed (vigil.detection.tenant-rule-max-texts); delete one first.");
                    }
                    return s.withText(created);
                })
                .store(created.file(), () -> repository.insertText(created))
                .commit(action(kind, "created"), created.file(), created.name(), remote);
        return created;
    }

    /** Replaces the name and text of a custom rule or exclusion, once the new text compiles. */
    public TenantRuleText update(
            Actor actor,
            TenantId tenant,
            TenantRuleText.Kind kind,
            String id,
            String name,
            String text,
            String remote) {
        requireEditor(actor, tenant);
        checkName(name);
        checkText(text);
        TenantRuleText old = find(repository.load(tenant), kind, id);
        Instant now = clock.instant();
        TenantRuleText updated = new TenantRuleText(
                old.id(), tenant, kind, name.strip(), text, old.createdAt(), old.createdBy(), now, actor.name());
        change(actor, tenant, s -> s.withText(updated))
                .store(updated.file(), () -> repository.updateText(updated))
                .commit(action(kind, "updated"), updated.file(), updated.name(), remote);
        return updated;
    }

    /** Deletes a custom rule or exclusion (refused when another text of the tenant names its rules). */
    public void delete(Actor actor, TenantId tenant, TenantRuleText.Kind kind, String id, String remote) {
        requireEditor(actor, tenant);
        TenantRuleText old = find(repository.load(tenant), kind, id);
        change(actor, tenant, s -> s.withoutText(old.id()))
                .store("", () -> repository.deleteText(tenant, old.id()))
                .commit(action(kind, "deleted"), old.file(), old.name(), remote);
    }

    /** Switches one rule (shared or custom) on or off for the tenant. */
    public void switchRule(Actor actor, TenantId tenant, String ruleId, boolean enabled, String remote) {
        requireEditor(actor, tenant);
        boolean known = rules(tenant).stream().anyMatch(m -> m.id().equals(ruleId));
        if (!known) {
            throw new NotFoundException("No rule with id '" + clip(ruleId) + "' in this tenant's rules.");
        }
        change(actor, tenant, s -> s.withSwitch(false, ruleId, enabled))
                .store("", () -> repository.setSwitch(tenant, false, ruleId, enabled, clock.instant(), actor.name()))
                .commit(enabled ? "detection.rule_enabled" : "detection.rule_disabled", ruleId, "", remote);
    }

    /** Switches a whole pack on or off for the tenant. */
    public void switchPack(Actor actor, TenantId tenant, String packId, boolean enabled, String remote) {
        requireEditor(actor, tenant);
        List<String> ids =
                packs.current().packs().stream().map(RulePacks.Pack::id).toList();
        if (!ids.contains(packId)) {
            throw new NotFoundException("No rule pack '" + clip(packId) + "'; the packs are " + ids + ".");
        }
        change(actor, tenant, s -> s.withSwitch(true, packId, enabled))
                .store("", () -> repository.setSwitch(tenant, true, packId, enabled, clock.instant(), actor.name()))
                .commit(enabled ? "detection.pack_enabled" : "detection.pack_disabled", packId, "", remote);
    }

    /** Replaces the tenant's placeholder values (for rules using {@code |expand}). */
    public void setPlaceholders(Actor actor, TenantId tenant, Map<String, List<String>> values, String remote) {
        requireEditor(actor, tenant);
        Map<String, List<String>> clean = checkPlaceholders(values);
        change(actor, tenant, s -> s.withPlaceholders(clean))
                .store("", () -> repository.replacePlaceholders(tenant, clean))
                .commit("detection.placeholders_set", "placeholders", String.join(", ", clean.keySet()), remote);
    }

    /** The tenant's rules: shared and custom, with the pack and whether each runs for the tenant. */
    public RulePage rules(
            Actor actor,
            TenantId tenant,
            @Nullable String pack,
            @Nullable Boolean enabled,
            @Nullable String search,
            int offset,
            int limit) {
        actor.requireVisible(tenant);
        if (limit < 1 || limit > 5000 || offset < 0) {
            throw new ValidationException("limit", "limit must be 1-5000 and offset at least 0.");
        }
        TenantRuleSettings s = repository.load(tenant);
        TenantRuleSets.Built built = ruleSets.builtFor(tenant);
        Map<String, String> packOfFile = packOfFile(built);
        String needle = search == null ? "" : search.strip().toLowerCase(java.util.Locale.ROOT);
        List<RuleView> all = new ArrayList<>();
        for (RuleMetadata m : rules(tenant)) {
            RuleView v = view(m, packOfFile.getOrDefault(m.file(), TenantRuleCompiler.CUSTOM_PACK), s);
            if ((pack == null || pack.equals(v.pack()))
                    && (enabled == null || enabled == v.enabled())
                    && (needle.isEmpty()
                            || v.id().toLowerCase(java.util.Locale.ROOT).contains(needle)
                            || v.title().toLowerCase(java.util.Locale.ROOT).contains(needle))) {
                all.add(v);
            }
        }
        int from = Math.min(offset, all.size());
        return new RulePage(all.size(), offset, all.subList(from, Math.min(all.size(), from + limit)));
    }

    /** The shared packs and whether each runs for the tenant. */
    public List<PackView> packs(Actor actor, TenantId tenant) {
        actor.requireVisible(tenant);
        Set<String> off = repository.load(tenant).disabledPacks();
        return packs.current().packs().stream()
                .map(p ->
                        new PackView(p.id(), p.name(), p.location(), p.files(), p.attribution(), !off.contains(p.id())))
                .toList();
    }

    private List<RuleMetadata> rules(TenantId tenant) {
        TenantRuleSets.Built built = ruleSets.builtFor(tenant);
        return built == null
                ? packs.current().rules().rules()
                : built.compiled().rules().rules();
    }

    private Map<String, String> packOfFile(TenantRuleSets.@Nullable Built built) {
        if (built != null) {
            return built.compiled().packOfFile();
        }
        Map<String, String> map = new java.util.HashMap<>();
        for (RulePacks.Source src : packs.current().sources()) {
            map.put(src.file(), src.pack());
        }
        return map;
    }

    private static RuleView view(RuleMetadata m, String pack, TenantRuleSettings s) {
        String off =
                s.disabledRules().contains(m.id()) ? "rule" : s.disabledPacks().contains(pack) ? "pack" : null;
        return new RuleView(
                m.id(),
                m.title(),
                m.level(),
                m.kind().name().toLowerCase(java.util.Locale.ROOT),
                pack,
                off == null,
                off,
                pack.equals(TenantRuleCompiler.CUSTOM_PACK) ? m.file() : "",
                m.line());
    }

    /** A change being made: compiled and checked, then stored in one transaction with its audit line. */
    private final class Change {
        private final Actor actor;
        private final TenantId tenant;
        private final TenantRuleSettings before;
        private final TenantRuleSettings after;
        private String touched = "";
        private Runnable store = () -> {};

        Change(Actor actor, TenantId tenant, UnaryOperator<TenantRuleSettings> change) {
            this.actor = actor;
            this.tenant = tenant;
            this.before = repository.load(tenant);
            this.after = change.apply(before);
        }

        Change store(String touchedFile, Runnable write) {
            this.touched = touchedFile;
            this.store = write;
            return this;
        }

        /** Compiles the tenant's rules with the change; stores, audits and applies it when nothing new is wrong. */
        void commit(String action, String target, String detail, String remote) {
            RulePacks.Loaded shared = packs.current();
            TenantRuleCompiler.Compiled compiled = after.customised()
                    ? TenantRuleCompiler.compile(after, shared)
                    : new TenantRuleCompiler.Compiled(shared.rules(), List.of(), Map.of());
            List<RuleTextProblem> problems = newProblems(tenant, compiled, touched);
            if (!problems.isEmpty()) {
                throw new RuleTextException(problems);
            }
            Instant now = clock.instant();
            long revision = java.util.Objects.requireNonNull(tx.execute(status -> {
                long r = repository.bumpRevision(tenant, before.revision(), now);
                store.run();
                audit.record(AuditEntry.by(actor, now, tenant, action, target, detail, remote));
                return r;
            }));
            ruleSets.install(
                    new TenantRuleSettings(
                            tenant,
                            revision,
                            after.texts(),
                            after.disabledRules(),
                            after.disabledPacks(),
                            after.placeholders()),
                    shared,
                    compiled);
        }
    }

    private Change change(Actor actor, TenantId tenant, UnaryOperator<TenantRuleSettings> change) {
        return new Change(actor, tenant, change);
    }

    /** Problems of the touched text, and problems of the tenant's other texts that the change brings. */
    private List<RuleTextProblem> newProblems(TenantId tenant, TenantRuleCompiler.Compiled compiled, String touched) {
        TenantRuleSets.Built built = ruleSets.builtFor(tenant);
        Set<RuleTextProblem> known =
                new HashSet<>(built == null ? List.of() : built.compiled().problems());
        return compiled.problems().stream()
                .filter(p -> p.text().equals(touched) || !known.contains(p))
                .toList();
    }

    private static TenantRuleText find(TenantRuleSettings s, TenantRuleText.Kind kind, String id) {
        return s.texts().stream()
                .filter(t -> t.kind() == kind && t.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No "
                        + (kind == TenantRuleText.Kind.RULE ? "custom rule" : "exclusion") + " with id '" + clip(id)
                        + "'."));
    }

    private static String action(TenantRuleText.Kind kind, String verb) {
        return (kind == TenantRuleText.Kind.RULE ? "detection.custom_rule_" : "detection.exclusion_") + verb;
    }

    private static void requireEditor(Actor actor, TenantId tenant) {
        actor.requireVisible(tenant);
        if (!actor.role().providerSide()) {
            throw new ForbiddenException(
                    "Custom rules, exclusions and rule switches are changed by the SOC; your role ("
                            + actor.role().label() + ") may read them.");
        }
    }

    private void checkText(String text) {
        long max = properties.tenantRuleMaxTextSize().toBytes();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > max) {
            throw new ValidationException(
                    "text",
                    "The text is " + bytes + " bytes; the limit is " + max
                            + " (vigil.detection.tenant-rule-max-text-size). Split it into several rules.");
        }
        if (text.isBlank()) {
            throw new ValidationException("text", "The text is empty; send the Sigma rule's YAML.");
        }
    }

    private static void checkName(String name) {
        if (name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException(
                    "name", "Give a name of 1-" + MAX_NAME + " characters without control characters.");
        }
    }

    private Map<String, List<String>> checkPlaceholders(Map<String, List<String>> values) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (values.size() > properties.tenantPlaceholderMaxNames()) {
            problems.add(new ValidationException.Problem(
                    "placeholders",
                    values.size() + " placeholders; at most " + properties.tenantPlaceholderMaxNames()
                            + " (vigil.detection.tenant-placeholder-max-names)."));
        }
        Map<String, List<String>> clean = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            if (!PLACEHOLDER.matcher(name).matches()) {
                problems.add(new ValidationException.Problem(
                        "placeholders",
                        "'" + clip(name) + "' is not a placeholder name (1-64 letters, digits, _ . -)."));
            } else if (list.size() > properties.tenantPlaceholderMaxValues()) {
                problems.add(new ValidationException.Problem(
                        "placeholders." + name,
                        list.size() + " values; at most " + properties.tenantPlaceholderMaxValues()
                                + " (vigil.detection.tenant-placeholder-max-values)."));
            } else if (list.stream().anyMatch(v -> v.isEmpty() || v.length() > MAX_VALUE)) {
                problems.add(new ValidationException.Problem(
                        "placeholders." + name, "every value must have 1-" + MAX_VALUE + " characters."));
            } else {
                clean.put(name, List.copyOf(list));
            }
        });
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return clean;
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
