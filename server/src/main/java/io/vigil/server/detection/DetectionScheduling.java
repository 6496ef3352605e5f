package io.vigil.server.detection;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Checks the rule folders for changes every {@code vigil.detection.rules-check-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DetectionScheduling implements SchedulingConfigurer {

    private final RulePacks packs;
    private final DetectionProperties properties;

    DetectionScheduling(RulePacks packs, DetectionProperties properties) {
        this.packs = packs;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.rulesCheckInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(packs::reloadIfChanged, interval, interval));
    }
}
