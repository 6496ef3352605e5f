package io.vigil.server.simulate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.demo.*}: a demo tenant for newcomers.
 *
 * @param enabled on the first start, create the tenant {@code Demo} and send every simulator
 *     scenario to it through this server's ingest API ({@code ./vigil serve --demo})
 */
@ConfigurationProperties(prefix = "vigil.demo", ignoreUnknownFields = false)
public record DemoProperties(@DefaultValue("false") boolean enabled) {}
