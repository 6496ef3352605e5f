package io.vigil.server.tenant;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing accounts: who may create, change, reset and unlock whom. Provider accounts are managed
 * by provider admins; a tenant's accounts by provider admins and that tenant's admins.
 */
@Service
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new account and the one-time password to hand to its owner. */
    public record Created(User user, String initialPassword) {}

    /** What an admin asks for when creating an account. */
    public record NewUser(
            String username,
            String displayName,
            Role role,
            @Nullable TenantId tenant,
            Set<TenantId> assignedTenants) {}

    /** What an admin may change on an account. */
    public record Change(String displayName, Role role, boolean enabled, Set<TenantId> assignedTenants) {}

    private final UserRepository users;
    private final TenantRepository tenants;
    private final Passwords encoder;
    private final AuditLog audit;
    private final Clock clock;

    UserService(UserRepository users, TenantRepository tenants, Passwords encoder, AuditLog audit, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    /** A random password of 24 URL-safe characters (144 bits). */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The account behind an established session, if it still exists and is enabled. */
    public java.util.Optional<User> sessionUser(UserId id) {
        return users.findAuthenticated(id).filter(User::enabled);
    }

    /** An account the actor can see. */
    public User get(Actor actor, UserId id) {
        return users.find(manageScope(actor), id).orElseThrow(() -> new NotFoundException("No user with that id."));
    }

    /** Customer accounts of a tenant the actor can see. */
    public List<User> ofTenant(Actor actor, TenantId tenant) {
        actor.requireVisible(tenant);
        return users.listOfTenant(actor.scope(), tenant);
    }

    /** How many accounts each tenant the actor can see has. */
    public java.util.Map<TenantId, Integer> accountsPerTenant(Actor actor) {
        return users.countByTenant(actor.scope());
    }

    /** Provider accounts (provider admins only). */
    public List<User> provider(Actor actor) {
        actor.requireProviderAdmin();
        return users.listProvider(TenantScope.all());
    }

    /** Creates an account with a one-time password that must be changed at first sign-in. */
    @Transactional
    public Created create(Actor actor, NewUser request, String address) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        String username = request.username().trim();
        if (!USERNAME.matcher(username).matches()) {
            problems.add(new ValidationException.Problem(
                    "username", "1-100 characters: letters, digits, '.', '_', '@' or '-'."));
        }
        String displayName = request.displayName().isBlank()
                ? username
                : request.displayName().trim();
        checkDisplayName(displayName, problems);
        if (request.role().providerSide() && request.tenant() != null) {
            problems.add(new ValidationException.Problem(
                    "tenant", request.role().label() + " accounts belong to the provider, not to a tenant."));
        }
        if (!request.role().providerSide() && request.tenant() == null) {
            problems.add(
                    new ValidationException.Problem("tenant", request.role().label() + " accounts need a tenant."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        requireMayAssign(actor, request.role(), request.tenant());
        SortedSet<TenantId> assigned = assignments(actor, request.role(), request.assignedTenants());
        String password = randomPassword();
        Instant now = clock.instant();
        User user = new User(
                UserId.random(),
                username,
                displayName,
                request.role(),
                request.tenant(),
                assigned,
                true,
                true,
                0,
                null,
                null,
                now);
        try {
            users.insert(actor.scope(), user, encoder.hash(password));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The user name '" + username + "' is taken.");
        }
        audit.record(AuditEntry.by(
                actor,
                now,
                user.tenant(),
                "user.created",
                username,
                "role " + user.role() + (assigned.isEmpty() ? "" : ", assigned tenants " + assigned),
                address));
        return new Created(user, password);
    }

    /** Changes an account's name, role, enabled flag and (for analysts) assigned tenants. */
    @Transactional
    public User update(Actor actor, UserId id, Change change, String address) {
        User before = get(actor, id);
        requireMayAssign(actor, before.role(), before.tenant());
        if (change.role().providerSide() != before.role().providerSide()) {
            throw new ValidationException(
                    "role",
                    "A " + before.role().label() + " account cannot become a "
                            + change.role().label() + " account; create a new account instead.");
        }
        requireMayAssign(actor, change.role(), before.tenant());
        if (id.value().equals(actor.id())
                && actor.kind() == Actor.Kind.USER
                && (change.role() != before.role() || !change.enabled())) {
            throw new ForbiddenException(
                    "You cannot change your own role or disable your own account; ask another admin.");
        }
        List<ValidationException.Problem> problems = new ArrayList<>();
        String displayName = change.displayName().isBlank()
                ? before.username()
                : change.displayName().trim();
        checkDisplayName(displayName, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        SortedSet<TenantId> assigned = assignments(actor, change.role(), change.assignedTenants());
        Instant now = clock.instant();
        users.updateProfile(manageScope(actor), id, displayName, change.role(), change.enabled(), now);
        if (before.role() == Role.SOC_ANALYST || change.role() == Role.SOC_ANALYST) {
            users.setAssignments(manageScope(actor), id, assigned);
        }
        User after = get(actor, id);
        if (before.role() != after.role()) {
            audit.record(AuditEntry.by(
                    actor,
                    now,
                    after.tenant(),
                    "user.role_changed",
                    after.username(),
                    before.role() + " -> " + after.role(),
                    address));
        }
        if (before.enabled() != after.enabled()) {
            audit.record(AuditEntry.by(
                    actor,
                    now,
                    after.tenant(),
                    after.enabled() ? "user.enabled" : "user.disabled",
                    after.username(),
                    "",
                    address));
        }
        if (!before.assignedTenants().equals(after.assignedTenants())) {
            audit.record(AuditEntry.by(
                    actor,
                    now,
                    null,
                    "user.assignments_changed",
                    after.username(),
                    before.assignedTenants() + " -> " + after.assignedTenants(),
                    address));
        }
        if (!before.displayName().equals(after.displayName())) {
            audit.record(AuditEntry.by(
                    actor,
                    now,
                    after.tenant(),
                    "user.renamed",
                    after.username(),
                    "'" + before.displayName() + "' -> '" + after.displayName() + "'",
                    address));
        }
        return after;
    }

    /** Sets a new one-time password (and unlocks the account); returns it for the admin to hand over. */
    @Transactional
    public String resetPassword(Actor actor, UserId id, String address) {
        User user = get(actor, id);
        requireMayAssign(actor, user.role(), user.tenant());
        String password = randomPassword();
        users.setPassword(manageScope(actor), id, encoder.hash(password), true, clock.instant());
        audit.record(AuditEntry.by(
                actor, clock.instant(), user.tenant(), "user.password_reset", user.username(), "", address));
        return password;
    }

    /** Lifts a lockout without changing the password. */
    @Transactional
    public void unlock(Actor actor, UserId id, String address) {
        User user = get(actor, id);
        requireMayAssign(actor, user.role(), user.tenant());
        users.unlock(manageScope(actor), id);
        audit.record(
                AuditEntry.by(actor, clock.instant(), user.tenant(), "user.unlocked", user.username(), "", address));
    }

    /** The signed-in person changes their own password. */
    @Transactional
    public void changeOwnPassword(UserId self, String current, String next, String repeated, String address) {
        User user = users.findAuthenticated(self).orElseThrow(() -> new NotFoundException("No user with that id."));
        List<ValidationException.Problem> problems = new ArrayList<>();
        String hash = users.passwordHash(self).orElse("");
        if (!encoder.matches(current, hash)) {
            problems.add(new ValidationException.Problem("current", "This is not your current password."));
        }
        if (!next.equals(repeated)) {
            problems.add(new ValidationException.Problem("repeated", "The two new passwords differ."));
        }
        for (String p : PasswordPolicy.problems(next, user.username())) {
            problems.add(new ValidationException.Problem("password", "The new password " + p + "."));
        }
        if (next.equals(current)) {
            problems.add(
                    new ValidationException.Problem("password", "The new password must differ from the current one."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Instant now = clock.instant();
        users.setOwnPassword(self, encoder.hash(next), now);
        audit.record(new AuditEntry(
                now,
                user.username(),
                "USER",
                user.tenant(),
                "user.password_changed",
                user.username(),
                "",
                address,
                true));
    }

    /** The scope in which the actor may see accounts: their own scope. */
    private static TenantScope manageScope(Actor actor) {
        return actor.scope();
    }

    private void requireMayAssign(Actor actor, Role role, @Nullable TenantId tenant) {
        if (role.providerSide()) {
            actor.requireProviderAdmin();
        } else if (tenant != null) {
            if (tenants.find(actor.scope(), tenant).isEmpty()) {
                throw new NotFoundException("No tenant with id '" + tenant + "'.");
            }
            actor.requireAdministers(tenant);
        }
    }

    private SortedSet<TenantId> assignments(Actor actor, Role role, Set<TenantId> requested) {
        if (role != Role.SOC_ANALYST) {
            return new TreeSet<>();
        }
        SortedSet<TenantId> assigned = new TreeSet<>();
        for (TenantId t : requested) {
            if (tenants.find(actor.scope(), t).isEmpty()) {
                throw new ValidationException("assignedTenants", "No tenant with id '" + t + "'.");
            }
            assigned.add(t);
        }
        return assigned;
    }

    private static void checkDisplayName(String displayName, List<ValidationException.Problem> problems) {
        if (displayName.length() > 200) {
            problems.add(new ValidationException.Problem("displayName", "At most 200 characters."));
        } else if (displayName.chars().anyMatch(Character::isISOControl)) {
            problems.add(new ValidationException.Problem("displayName", "Control characters are not allowed."));
        }
    }
}
