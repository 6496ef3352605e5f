package io.vigil.server.detection;

import io.vigil.server.platform.TenantId;
import io.vigil.sigma.RuleSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The rule set in force for each tenant. A tenant that changed nothing uses the shared set of
 * {@link RulePacks} (no extra memory); a tenant with custom rules, exclusions, placeholder values or
 * switched-off rules or packs has its own compiled set, built on this class's own thread (or by the
 * request that stored the change), cached, and swapped in atomically. It is rebuilt when the shared
 * packs reload and when the tenant's settings change (on this node at once; from another node within
 * {@code vigil.detection.tenant-rules-check-interval}).
 */
@Component
public class TenantRuleSets implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(TenantRuleSets.class);

    /** A tenant's compiled set, with what it was built from. */
    record Built(long revision, RulePacks.Loaded shared, TenantRuleCompiler.Compiled compiled) {}

    private final RulePacks packs;
    private final TenantRulesRepository repository;
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-tenant-rules");
        t.setDaemon(true);
        return t;
    });
    private final Map<TenantId, Built> built = new ConcurrentHashMap<>();
    /** The revision each tenant's set (or its use of the shared set) was built from. */
    private final Map<TenantId, Long> builtRevision = new ConcurrentHashMap<>();
    /** Tenants whose first build since start is not done: their events wait for it. */
    private final Map<TenantId, CompletableFuture<Void>> firstBuild = new ConcurrentHashMap<>();
    /** Tenants with a build queued and not started (guarded by this). */
    private final Set<TenantId> queued = new HashSet<>();

    TenantRuleSets(RulePacks packs, TenantRulesRepository repository) {
        this.packs = packs;
        this.repository = repository;
        for (Map.Entry<TenantId, Long> e : repository.revisions().entrySet()) {
            firstBuild.put(e.getKey(), new CompletableFuture<>());
            schedule(e.getKey());
        }
    }

    /**
     * The rules in force for the tenant's next event. Never compiles on the caller's thread: after a
     * shared reload the tenant's previous set answers until its new one is built. Only right after
     * a start does the caller wait for a tenant's first build, so no event runs without the tenant's
     * exclusions and switches.
     */
    @SuppressWarnings("ReferenceEquality") // the very load the set was built from, not an equal one
    public RuleSet rulesFor(TenantId tenant) {
        RulePacks.Loaded shared = packs.current();
        Built b = built.get(tenant);
        if (b == null) {
            CompletableFuture<Void> first = firstBuild.get(tenant);
            if (first == null) {
                return shared.rules();
            }
            awaitFirst(tenant, first);
            b = built.get(tenant);
            if (b == null) {
                return shared.rules();
            }
        }
        if (b.shared() != shared) {
            schedule(tenant);
        }
        return b.compiled().rules();
    }

    /** The tenant's compiled set if it has one (and is built), else {@code null}. */
    @Nullable
    Built builtFor(TenantId tenant) {
        return built.get(tenant);
    }

    private static void awaitFirst(TenantId tenant, CompletableFuture<Void> first) {
        try {
            first.get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            LOG.error("The rule set of tenant {} was not built; its events use the shared rules", tenant, e);
        }
    }

    /** Puts a set compiled by the request that stored the change in force (unless a newer one is). */
    void install(TenantRuleSettings settings, RulePacks.Loaded shared, TenantRuleCompiler.Compiled compiled) {
        TenantId tenant = settings.tenant();
        synchronized (this) {
            Long have = builtRevision.get(tenant);
            if (have != null && have > settings.revision()) {
                return;
            }
            if (settings.customised()) {
                built.put(tenant, new Built(settings.revision(), shared, compiled));
            } else {
                built.remove(tenant);
            }
            builtRevision.put(tenant, settings.revision());
        }
        CompletableFuture<Void> first = firstBuild.remove(tenant);
        if (first != null) {
            first.complete(null);
        }
    }

    /** Rebuilds, off the caller's thread, the sets of tenants whose settings another node changed. */
    void refreshChanged() {
        for (Map.Entry<TenantId, Long> e : repository.revisions().entrySet()) {
            Long have = builtRevision.get(e.getKey());
            if (have == null || have < e.getValue()) {
                schedule(e.getKey());
            }
        }
    }

    private void schedule(TenantId tenant) {
        synchronized (this) {
            if (!queued.add(tenant)) {
                return;
            }
        }
        builder.execute(() -> {
            synchronized (this) {
                queued.remove(tenant);
            }
            try {
                rebuild(tenant);
            } catch (RuntimeException e) {
                LOG.error("Building the rule set of tenant {} failed; it keeps the rules it had", tenant, e);
                CompletableFuture<Void> first = firstBuild.remove(tenant);
                if (first != null) {
                    first.completeExceptionally(e);
                }
            }
        });
    }

    private void rebuild(TenantId tenant) {
        long started = System.nanoTime();
        RulePacks.Loaded shared = packs.current();
        TenantRuleSettings settings = repository.load(tenant);
        TenantRuleCompiler.Compiled compiled = settings.customised()
                ? TenantRuleCompiler.compile(settings, shared)
                : new TenantRuleCompiler.Compiled(shared.rules(), java.util.List.of(), Map.of());
        install(settings, shared, compiled);
        if (settings.customised()) {
            LOG.info(
                    "Rule set of tenant {} (revision {}) built: {} rules, {} problems in its texts, in {} ms",
                    tenant,
                    settings.revision(),
                    compiled.rules().rules().size(),
                    compiled.problems().size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Override
    public void destroy() {
        builder.shutdownNow();
    }
}
