package io.vigil.server.store;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Schedules the {@link RetentionJob}: first one interval after start, then every interval. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StoreConfiguration implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConfiguration.class);

    private final RetentionJob job;
    private final StoreProperties properties;

    StoreConfiguration(RetentionJob job, StoreProperties properties) {
        this.job = job;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.purgeInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(this::purge, interval, interval));
    }

    private void purge() {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.error("Retention purge failed; it runs again in {}", properties.purgeInterval(), e);
        }
    }
}
