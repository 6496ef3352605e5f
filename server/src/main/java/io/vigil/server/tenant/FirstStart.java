package io.vigil.server.tenant;

import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an installation with no accounts, creates the first provider admin. Its password comes from
 * {@code VIGIL_ADMIN_PASSWORD} or is generated and printed once to the log; either way it must be
 * changed at the first sign-in.
 */
@Component
class FirstStart implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

    private final UserRepository users;
    private final Passwords encoder;
    private final AdminProperties admin;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    FirstStart(
            UserRepository users,
            Passwords encoder,
            AdminProperties admin,
            AuditLog audit,
            Clock clock,
            TransactionTemplate tx) {
        this.users = users;
        this.encoder = encoder;
        this.admin = admin;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
    }

    @Override
    public void afterSingletonsInstantiated() {
        tx.executeWithoutResult(status -> createAdminIfEmpty());
    }

    private void createAdminIfEmpty() {
        if (users.countAllAccounts() > 0) {
            return;
        }
        String configured = admin.password();
        boolean generated = configured == null || configured.isBlank();
        String password = configured == null || configured.isBlank() ? UserService.randomPassword() : configured;
        Instant now = clock.instant();
        User user = new User(
                UserId.random(),
                admin.username(),
                "Provider admin",
                Role.PROVIDER_ADMIN,
                null,
                new TreeSet<>(),
                true,
                true,
                0,
                null,
                null,
                now);
        users.insert(TenantScope.all(), user, encoder.hash(password));
        audit.record(new AuditEntry(
                now,
                "system",
                "SYSTEM",
                null,
                "user.created",
                user.username(),
                "first provider admin of an empty installation",
                "local",
                true));
        if (generated) {
            LOG.warn("""

                    ====================================================================
                     First start: created the provider admin account.
                       user name: {}
                       password:  {}
                     This password is shown only this once. Sign in and change it.
                    ====================================================================""", user.username(), password);
        } else {
            LOG.info(
                    "First start: created the provider admin '{}' with the password from VIGIL_ADMIN_PASSWORD;"
                            + " it must be changed at the first sign-in.",
                    user.username());
        }
    }
}
