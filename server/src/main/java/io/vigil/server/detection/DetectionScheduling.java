package io.vigil.server.detection;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Checks the rule folders for changes every {@code vigil.detection.rules-check-interval}, and the
 * tenants' rule settings (changed on other nodes) every {@code vigil.detection.tenant-rules-check-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DetectionScheduling implements SchedulingConfigurer {

    private final RulePacks packs;
    private final TenantRuleSets tenantRules;
    private final DetectionProperties properties;

    DetectionScheduling(RulePacks packs, TenantRuleSets tenantRules, DetectionProperties properties) {
        this.packs = packs;
        this.tenantRules = tenantRules;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.rulesCheckInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(packs::reloadIfChanged, interval, interval));
        Duration tenants = properties.tenantRulesCheckInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(tenantRules::refreshChanged, tenants, tenants));
    }
}
