package io.vigil.server.platform;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Fails startup when a {@code vigil.*} setting names a section no capability reads, such as a typo
 * in an environment variable ({@code VIGIL_DATABSE_URL}). Unknown keys <em>inside</em> a known
 * section are refused by each section's {@code @ConfigurationProperties(ignoreUnknownFields =
 * false)}. {@code VIGIL_TEST_*} variables belong to the test suite and are ignored.
 */
@Component
class SettingsGuard implements SmartInitializingSingleton {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("vigil");
    private static final String RESERVED_FOR_TESTS = "test";

    private final ApplicationContext context;
    private final ConfigurableEnvironment environment;

    SettingsGuard(ApplicationContext context, ConfigurableEnvironment environment) {
        this.context = context;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> known = ConfigurationPropertiesBean.getAll(context).values().stream()
                .map(bean -> ConfigurationPropertyName.of(bean.getAnnotation().prefix()))
                .filter(name -> ROOT.isAncestorOf(name))
                .map(name -> name.getElement(1, ConfigurationPropertyName.Form.UNIFORM))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unknown = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream()
                        .filter(ROOT::isAncestorOf)
                        .filter(name -> {
                            String section = name.getElement(1, ConfigurationPropertyName.Form.UNIFORM);
                            return !known.contains(section) && !RESERVED_FOR_TESTS.equals(section);
                        })
                        .forEach(name -> unknown.add(name.toString()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Unknown Vigil setting(s): " + String.join(", ", unknown)
                    + ". Known sections: vigil." + String.join(", vigil.", known)
                    + ". See docs/configuration.md for every setting.");
        }
    }
}
