package io.vigil.server.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Security of {@code /api/**}: stateless, bearer tokens only (no cookies, hence no CSRF), JSON
 * errors. {@code session/confirm} is open: its body carries the refresh token. The OpenAPI document
 * ({@code /api/openapi.json}) and Swagger UI ({@code /api/docs}, served from {@code
 * /api/swagger-ui/}) are open too: they describe the
 * routes and hold no data; the UI pages get their own CSP (Swagger UI sets inline styles).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, TokenService tokens, ApiErrors errors) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, errors), AnonymousAuthenticationFilter.class)
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/api/swagger-ui/**"),
                        new StaticHeadersWriter("Content-Security-Policy", DOCS_CSP))))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/api/v1/*/session/confirm",
                                "/api/openapi.json",
                                "/api/openapi.json/**",
                                "/api/docs",
                                "/api/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            errors.write(
                                    response,
                                    401,
                                    "This API needs 'Authorization: Bearer <access token>'."
                                            + " Get one with POST /api/v1/{client_id}/session/confirm.");
                        })
                        .accessDeniedHandler((request, response, ex) -> errors.write(response, 403, "Access denied.")));
        return http.build();
    }
}
