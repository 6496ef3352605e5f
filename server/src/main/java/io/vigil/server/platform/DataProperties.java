package io.vigil.server.platform;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.data.*}: where the embedded mode keeps its files.
 *
 * @param dir the data folder (environment: {@code VIGIL_DATA_DIR}); created if missing
 */
@Validated
@ConfigurationProperties(prefix = "vigil.data", ignoreUnknownFields = false)
public record DataProperties(
        @NotNull @DefaultValue("./data") Path dir) {}
