package io.vigil.server.triage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The scorer in force and the triage job's schedule ({@code vigil.triage.interval}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TriageConfiguration implements SchedulingConfigurer {

    private final TriageProperties properties;
    private final org.springframework.beans.factory.ObjectProvider<TriageJob> job;

    TriageConfiguration(TriageProperties properties, org.springframework.beans.factory.ObjectProvider<TriageJob> job) {
        this.properties = properties;
        this.job = job;
    }

    /** Today's rule-based scorer; a learned model replaces this bean. */
    @Bean
    TriageScorer triageScorer() {
        return new RuleBasedScorer();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.enabled()) {
            registrar.addFixedDelayTask(new FixedDelayTask(
                    () -> job.getObject().runLogged(), properties.interval(), properties.interval()));
        }
    }
}
