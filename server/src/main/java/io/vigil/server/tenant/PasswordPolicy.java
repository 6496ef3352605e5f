package io.vigil.server.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: long enough to resist guessing (length beats composition rules,
 * as NIST SP 800-63B advises), not the user name, not one of the most common passwords.
 */
public final class PasswordPolicy {

    /** Shortest accepted password. */
    public static final int MIN_LENGTH = 12;
    /** Longest accepted password (keeps hashing cost bounded). */
    public static final int MAX_LENGTH = 256;

    private static final Set<String> COMMON = Set.of(
            "password1234",
            "123456789012",
            "qwertyuiop12",
            "administrator",
            "passwordpassword",
            "changeme1234",
            "welcome12345",
            "letmein12345",
            "iloveyou1234",
            "vigilvigil12");

    private PasswordPolicy() {}

    /** Every problem with {@code password} for {@code username}; empty when it is acceptable. */
    public static List<String> problems(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password.length() < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters long (it has " + password.length() + ")");
        }
        if (password.length() > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (!username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("must not contain the user name");
        }
        if (COMMON.contains(lower)) {
            problems.add("is one of the most common passwords");
        }
        if (!password.isEmpty() && password.chars().distinct().count() < 4) {
            problems.add("must use at least 4 different characters");
        }
        return List.copyOf(problems);
    }
}
