package io.vigil.server.portal;

import io.vigil.server.tenant.LoginService;
import io.vigil.server.tenant.UserService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Security of everything that is not {@code /api/**}: form sign-in, CSRF on every state-changing
 * request, session fixation protection, strict headers; health and metrics are open for probes
 * and scrapers (keep the port internal or behind a proxy that limits them, see docs).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain portalChain(HttpSecurity http, LoginService login, UserService users) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/error",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/prometheus")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationProvider(new PortalAuthenticationProvider(login))
                .formLogin(form -> form.loginPage("/login")
                        .loginProcessingUrl("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?error")))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("VIGIL_SESSION")
                        .invalidateHttpSession(true))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny())
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")))
                .addFilterBefore(new PortalActorFilter(users), AuthorizationFilter.class);
        return http.build();
    }
}
