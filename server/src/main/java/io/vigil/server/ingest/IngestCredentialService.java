package io.vigil.server.ingest;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.tenant.TenantService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ingest keys (created, listed and revoked by the tenant's admins and provider admins), agent
 * enrollment, and the check of the credentials every ingest request presents.
 */
@Service
public class IngestCredentialService {

    /** A new key and its token, shown once. */
    public record IssuedKey(IngestKey key, String token, String secret) {
        /** The Elasticsearch-style API key: base64 of {@code <key id>:<secret>}. */
        public String apiKey() {
            return java.util.Base64.getEncoder()
                    .encodeToString((key.id() + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A newly enrolled agent and its token, sent to it once. */
    public record EnrolledAgent(Agent agent, String token) {}

    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final IngestKeyRepository repository;
    private final TenantService tenants;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

    IngestCredentialService(IngestKeyRepository repository, TenantService tenants, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tenant's keys, newest first; visible to everyone who sees the tenant. */
    public List<IngestKey> keys(Actor actor, TenantId tenant) {
        tenants.get(actor, tenant);
        return repository.list(actor.scope(), tenant);
    }

    /** The tenant's enrolled agents. */
    public List<Agent> agents(Actor actor, TenantId tenant) {
        tenants.get(actor, tenant);
        return repository.agents(actor.scope(), tenant);
    }

    /** Creates a key; only the tenant's admins and provider admins may. */
    @Transactional
    public IssuedKey createKey(Actor actor, TenantId tenant, String name, IngestKey.Purpose purpose, String address) {
        tenants.get(actor, tenant);
        actor.requireAdministers(tenant);
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("name", "1-100 printable characters, e.g. 'Winlogbeat on DC01'.");
        }
        Instant now = clock.instant();
        String secret = Secrets.newSecret();
        IngestKey key = new IngestKey(Secrets.newId(), tenant, trimmed, purpose, actor.name(), now, null, null);
        repository.insert(actor.scope(), key, Secrets.hash(secret));
        audit.record(AuditEntry.by(
                actor,
                now,
                tenant,
                "ingest-key.created",
                key.id(),
                "'" + trimmed + "' " + purpose.name().toLowerCase(Locale.ROOT),
                address));
        return new IssuedKey(key, Secrets.token(Secrets.Kind.KEY, key.id(), secret), secret);
    }

    /** Revokes a key: the next request with it is refused. Agents it enrolled keep working. */
    @Transactional
    public void revokeKey(Actor actor, TenantId tenant, String keyId, String address) {
        IngestKey key = repository
                .find(actor.scope(), keyId)
                .filter(k -> k.tenant().equals(tenant))
                .orElseThrow(() -> new NotFoundException("No ingest key '" + clip(keyId) + "' in this tenant."));
        actor.requireAdministers(tenant);
        Instant now = clock.instant();
        if (repository.revoke(actor.scope(), key.id(), actor.name(), now)) {
            audit.record(
                    AuditEntry.by(actor, now, tenant, "ingest-key.revoked", key.id(), "'" + key.name() + "'", address));
        }
    }

    /** Revokes an agent's credentials (e.g. a decommissioned or stolen machine). */
    @Transactional
    public void revokeAgent(Actor actor, TenantId tenant, String agentId, String address) {
        tenants.get(actor, tenant);
        actor.requireAdministers(tenant);
        Instant now = clock.instant();
        if (!repository.revokeAgent(actor.scope(), agentId, now)) {
            throw new NotFoundException("No active agent '" + clip(agentId) + "' in this tenant.");
        }
        audit.record(AuditEntry.by(actor, now, tenant, "agent.revoked", agentId, "", address));
    }

    /**
     * Enrolls an agent with an enrollment key.
     *
     * @throws ValidationException when the host details are unusable
     */
    @Transactional
    public EnrolledAgent enroll(
            IngestCredential.Key key,
            String hostName,
            String os,
            String osVersion,
            String agentVersion,
            String address) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (!HOST.matcher(hostName).matches()) {
            problems.add(new ValidationException.Problem(
                    "host_name", "1-253 letters, digits, '.', '-' or '_', starting with a letter or digit."));
        }
        if (!List.of("windows", "linux", "macos").contains(os)) {
            problems.add(new ValidationException.Problem("os", "One of windows, linux, macos."));
        }
        if (osVersion.length() > 100 || agentVersion.isBlank() || agentVersion.length() > 50) {
            problems.add(new ValidationException.Problem(
                    "agent_version", "1-50 characters; os_version at most 100 characters."));
        }
        if (key.key().purpose() != IngestKey.Purpose.ENROLLMENT) {
            problems.add(new ValidationException.Problem(
                    "authorization", "This is a shipper key; agents enroll with an enrollment key."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Instant now = clock.instant();
        String secret = Secrets.newSecret();
        Agent agent = new Agent(
                Secrets.newId(),
                key.tenant(),
                hostName.toLowerCase(Locale.ROOT),
                os,
                osVersion,
                agentVersion,
                key.key().id(),
                now,
                null,
                null);
        repository.insertAgent(agent, Secrets.hash(secret));
        audit.record(new AuditEntry(
                now,
                key.principal(),
                "INGEST_KEY",
                key.tenant(),
                "agent.enrolled",
                agent.id(),
                agent.hostName() + " (" + os + " " + osVersion + ", agent " + agentVersion + ")",
                address,
                true));
        return new EnrolledAgent(agent, Secrets.token(Secrets.Kind.AGENT, agent.id(), secret));
    }

    /**
     * Checks an {@code Authorization} header.
     *
     * @return the credential, or empty when the header is absent, malformed, unknown, wrong or revoked
     *     (deliberately one answer for all, so ids cannot be probed)
     */
    public Optional<IngestCredential> authenticate(String authorization) {
        Optional<Secrets.Presented> presented = Secrets.parse(authorization);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Secrets.Presented p = presented.get();
        Instant now = clock.instant();
        return switch (p.kind()) {
            case KEY ->
                repository
                        .findForAuthentication(p.id())
                        .filter(s -> !s.value().revoked() && Secrets.matches(p.secret(), s.secretHash()))
                        .map(s -> {
                            touch("k" + p.id(), now, () -> repository.touchKey(p.id(), now));
                            return new IngestCredential.Key(s.value());
                        });
            case AGENT ->
                repository
                        .findAgentForAuthentication(p.id())
                        .filter(s -> s.value().revokedAt() == null && Secrets.matches(p.secret(), s.secretHash()))
                        .map(s -> {
                            touch("a" + p.id(), now, () -> repository.touchAgent(p.id(), now));
                            return new IngestCredential.AgentCredential(s.value());
                        });
        };
    }

    private void touch(String id, Instant now, Runnable update) {
        Instant last = lastTouched.get(id);
        if (last == null || !last.plus(TOUCH_EVERY).isAfter(now)) {
            lastTouched.put(id, now);
            update.run();
        }
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
