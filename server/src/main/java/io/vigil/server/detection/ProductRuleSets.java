package io.vigil.server.detection;

import io.vigil.sigma.RuleKind;
import io.vigil.sigma.RuleMetadata;
import io.vigil.sigma.RuleSet;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule sets split by the {@code logsource.product} an event can come from, so that a rule written
 * for Cisco, Zeek or Linux is never tried on a Windows event (and the other way round). Rules
 * without a product (e.g. {@code category: proxy}) and filter rules are in every set.
 *
 * <p>The Sigma engine routes by Windows channel and event id; log sources it has no mapping for are
 * otherwise tried on every event, which on real data turns keyword rules of other products into
 * floods of false positives.
 */
public final class ProductRuleSets {

    private final RuleSet all;
    private final RuleSet windows;
    private final RuleSet linux;
    private final RuleSet productless;

    private ProductRuleSets(RuleSet all, RuleSet windows, RuleSet linux, RuleSet productless) {
        this.all = all;
        this.windows = windows;
        this.linux = linux;
        this.productless = productless;
    }

    /** Loads the files once, then builds the per-product sets from the files each product needs. */
    public static ProductRuleSets load(List<Path> files, Map<String, List<String>> placeholders, PrintStream err) {
        RuleSet all = RuleFiles.load(files, placeholders, err);
        return new ProductRuleSets(
                all,
                subset(all, Set.of("windows"), placeholders, err),
                subset(all, Set.of("linux"), placeholders, err),
                subset(all, Set.of(), placeholders, err));
    }

    /** Every rule loaded (for counts and refusals). */
    public RuleSet all() {
        return all;
    }

    /** The rules that can apply to this event. */
    public RuleSet forEvent(CanonicalEvent event) {
        return switch (event.envelope().origin()) {
            case EventOrigin.Windows w -> windows;
            case EventOrigin.Linux l -> linux;
            case EventOrigin.Other o -> productless;
        };
    }

    private static RuleSet subset(
            RuleSet all, Set<String> products, Map<String, List<String>> placeholders, PrintStream err) {
        Set<Path> files = new LinkedHashSet<>();
        for (RuleMetadata rule : all.rules()) {
            String product = rule.logSource().product();
            if (rule.kind() != RuleKind.DETECTION || product == null || products.contains(product)) {
                files.add(Path.of(rule.file()));
            }
        }
        return RuleFiles.load(List.copyOf(files), placeholders, err);
    }
}
