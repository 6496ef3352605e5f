package io.vigil.server.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Security of {@code /api/**}: stateless, bearer tokens only (no cookies, hence no CSRF), JSON
 * errors. {@code session/confirm} is open: its body carries the refresh token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

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
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/*/session/confirm")
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
