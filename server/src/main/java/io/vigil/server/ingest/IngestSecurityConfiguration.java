package io.vigil.server.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security of {@code /ingest/**}: stateless, no cookies (so no CSRF), credentials on every request
 * as {@code Authorization: Bearer vgk_…}/{@code vga_…}, {@code ApiKey base64(id:secret)} or HTTP
 * Basic. Wrong or missing credentials get one 401 answer whatever the cause.
 */
@Configuration(proxyBeanMethods = false)
class IngestSecurityConfiguration {

    static final String UNAUTHORIZED = "Ingest needs credentials: 'Authorization: Bearer vgk_…' (an ingest key),"
            + " 'ApiKey base64(key id:secret)', HTTP Basic (user = key id, password = secret), or an agent's"
            + " 'Bearer vga_…'. Create keys under Tenants → Telemetry keys.";

    @Bean
    @Order(0)
    SecurityFilterChain ingestChain(HttpSecurity http, IngestCredentialService credentials, IngestErrors errors)
            throws Exception {
        http.securityMatcher("/ingest/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new CredentialFilter(credentials), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader(
                                    "WWW-Authenticate",
                                    "Bearer realm=\"vigil-ingest\", ApiKey, Basic realm=\"vigil-ingest\"");
                            errors.write(request, response, 401, UNAUTHORIZED);
                        })
                        .accessDeniedHandler(
                                (request, response, ex) -> errors.write(request, response, 403, "Access denied.")));
        return http.build();
    }

    /** The authenticated sender. */
    static final class IngestAuthentication extends AbstractAuthenticationToken {
        private static final long serialVersionUID = 1L;
        private final transient IngestCredential credential;

        IngestAuthentication(IngestCredential credential) {
            super(List.of(new SimpleGrantedAuthority("INGEST")));
            this.credential = credential;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public IngestCredential getPrincipal() {
            return credential;
        }
    }

    /** Checks the {@code Authorization} header of every ingest request. */
    static final class CredentialFilter extends OncePerRequestFilter {
        private final IngestCredentialService credentials;

        CredentialFilter(IngestCredentialService credentials) {
            this.credentials = credentials;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            Optional<IngestCredential> who = header == null ? Optional.empty() : credentials.authenticate(header);
            who.ifPresent(c -> SecurityContextHolder.getContext().setAuthentication(new IngestAuthentication(c)));
            chain.doFilter(request, response);
        }
    }
}
