package io.vigil.server.detection;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.sigma.Refusal;
import io.vigil.sigma.RuleMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** What the SOC sees of the rules in force, and the reload it can ask for. */
@Service
public class DetectionRulesService {

    /** The rules in force, summed up. */
    public record Summary(
            Instant loadedAt,
            int files,
            int rules,
            int builtInRules,
            List<RulePacks.Pack> packs,
            Map<String, Integer> byLevel,
            int refused,
            List<Refusal> firstRefusals) {}

    private final RulePacks packs;
    private final AuditLog audit;
    private final Clock clock;

    DetectionRulesService(RulePacks packs, AuditLog audit, Clock clock) {
        this.packs = packs;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@return the rules in force; SOC roles only} */
    public Summary summary(Actor actor) {
        requireProviderSide(actor);
        return summary(packs.current());
    }

    /** Loads the rule folders again now; provider admins only, audited. */
    public Summary reload(Actor actor, String remoteAddress) {
        actor.requireProviderAdmin();
        RulePacks.Loaded loaded = packs.reload();
        audit.record(AuditEntry.by(
                actor,
                clock.instant(),
                null,
                "detection.rules_reloaded",
                "rules",
                loaded.rules().rules().size() + " rules, " + loaded.refusals().size() + " refused",
                remoteAddress));
        return summary(loaded);
    }

    private static Summary summary(RulePacks.Loaded loaded) {
        Map<String, Integer> byLevel = new TreeMap<>();
        for (RuleMetadata m : loaded.rules().rules()) {
            byLevel.merge(Objects.requireNonNullElse(m.level(), "none"), 1, Integer::sum);
        }
        List<Refusal> refusals = loaded.refusals();
        return new Summary(
                loaded.loadedAt(),
                loaded.files(),
                loaded.rules().rules().size(),
                loaded.builtInRules(),
                loaded.packs(),
                byLevel,
                refusals.size(),
                refusals.subList(0, Math.min(100, refusals.size())));
    }

    private static void requireProviderSide(Actor actor) {
        if (!actor.role().providerSide()) {
            throw new ForbiddenException("Detection rules are managed by the SOC; your role is "
                    + actor.role().label() + ".");
        }
    }
}
