package io.vigil.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application that {@code vigil serve} starts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigilApplication {}
