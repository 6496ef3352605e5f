package io.vigil.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The Spring Boot application that {@code vigil serve} starts. Boot's default in-memory user is
 * excluded: people sign in through {@code tenant.LoginService}, integrations with API tokens.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class VigilApplication {}
