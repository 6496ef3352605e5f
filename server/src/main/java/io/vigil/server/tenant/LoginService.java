package io.vigil.server.tenant;

import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Checks a user name and password. Locks an account after {@code vigil.login.max-failures}
 * failures in a row and throttles an address that fails too often; records every attempt in the
 * audit log.
 */
@Service
public class LoginService {

    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final UserRepository users;
    private final Passwords encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginProperties properties;
    private final AddressThrottle throttle;
    private final String dummyHash;

    LoginService(UserRepository users, Passwords encoder, AuditLog audit, Clock clock, LoginProperties properties) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.throttle = new AddressThrottle(properties.maxFailuresPerAddress(), properties.addressWindow(), 100_000);
        this.dummyHash = encoder.hash("an unused password that keeps timing equal");
    }

    /** Attempts a sign-in from {@code address}. */
    public LoginResult login(String username, String password, String address) {
        Instant now = clock.instant();
        Optional<Instant> throttled = throttle.refusedUntil(address, now);
        if (throttled.isPresent()) {
            return refuse(
                    username,
                    address,
                    now,
                    LoginResult.Reason.ADDRESS_THROTTLED,
                    "Too many failed sign-ins from your address. Try again after " + HH_MM.format(throttled.get())
                            + ".");
        }
        Optional<UserRepository.LoginRecord> found = users.findForLogin(username);
        if (found.isEmpty()) {
            encoder.matches(password, dummyHash); // same work as for a real account
            throttle.failed(address, now);
            return refuse(username, address, now, LoginResult.Reason.BAD_CREDENTIALS, badCredentials());
        }
        User user = found.get().user();
        Instant lockedUntil = user.lockedUntil();
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            throttle.failed(address, now);
            return refuse(user.username(), address, now, LoginResult.Reason.LOCKED, locked(lockedUntil));
        }
        if (!encoder.matches(password, found.get().passwordHash())) {
            throttle.failed(address, now);
            int failures = user.failedLogins() + 1;
            if (failures >= properties.maxFailures()) {
                Instant until = now.plus(properties.lockout());
                users.recordFailure(user.id(), 0, until);
                audit.record(new AuditEntry(
                        now,
                        user.username(),
                        "USER",
                        user.tenant(),
                        "account.locked",
                        user.username(),
                        failures + " failed sign-ins in a row; locked until " + until,
                        address,
                        true));
                return refuse(user.username(), address, now, LoginResult.Reason.LOCKED, locked(until));
            }
            users.recordFailure(user.id(), failures, null);
            return refuse(user.username(), address, now, LoginResult.Reason.BAD_CREDENTIALS, badCredentials());
        }
        if (!user.enabled()) {
            return refuse(
                    user.username(),
                    address,
                    now,
                    LoginResult.Reason.DISABLED,
                    "This account is disabled. Ask your administrator to enable it.");
        }
        users.recordSuccess(user.id(), now);
        audit.record(new AuditEntry(
                now, user.username(), "USER", user.tenant(), "login.success", user.username(), "", address, true));
        return new LoginResult.Success(user);
    }

    private String badCredentials() {
        return "Wrong user name or password. After " + properties.maxFailures()
                + " failures in a row the account is locked for "
                + properties.lockout().toMinutes() + " minutes.";
    }

    private static String locked(Instant until) {
        return "This account is locked after too many failed sign-ins. Try again after " + HH_MM.format(until)
                + ", or ask an administrator to unlock it.";
    }

    private LoginResult refuse(
            String username, String address, Instant now, LoginResult.Reason reason, String message) {
        audit.record(new AuditEntry(
                now, username, "ANONYMOUS", null, "login.failure", username, reason.name(), address, false));
        return new LoginResult.Refused(reason, message, now);
    }
}
