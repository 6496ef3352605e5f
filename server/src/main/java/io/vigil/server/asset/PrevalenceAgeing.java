package io.vigil.server.asset;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Ages fleet prevalence out every {@code vigil.assets.ageing-interval} (sightings older than the window). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PrevalenceAgeing implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(PrevalenceAgeing.class);

    private final PrevalenceService prevalence;

    PrevalenceAgeing(PrevalenceService prevalence) {
        this.prevalence = prevalence;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = prevalence.properties().ageingInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, interval, Duration.ofMinutes(1)));
    }

    private void run() {
        try {
            int n = prevalence.ageOut();
            if (n > 0) {
                LOG.info(
                        "Fleet prevalence: aged out {} sightings older than {}",
                        n,
                        prevalence.properties().prevalenceWindow());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Fleet prevalence ageing failed; it runs again in {}",
                    prevalence.properties().ageingInterval(),
                    e);
        }
    }
}
