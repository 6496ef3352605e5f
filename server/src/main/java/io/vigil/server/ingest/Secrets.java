package io.vigil.server.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest secrets and the tokens that carry them: {@code vgk_<key id>_<secret>} for ingest keys and
 * {@code vga_<agent id>_<secret>} for agents. Ids are 16 hex digits; secrets 32 random bytes in
 * base64url. The same key also works as Elasticsearch-style {@code ApiKey base64(id:secret)} and as
 * HTTP Basic (user = key id, password = secret), because shippers offer those.
 */
final class Secrets {

    /** A presented credential, before it is checked against the database. */
    record Presented(Kind kind, String id, String secret) {}

    /** Which table the id refers to. */
    enum Kind {
        KEY("vgk"),
        AGENT("vga");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("(vgk|vga)_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private Secrets() {}

    static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String token(Kind kind, String id, String secret) {
        return kind.prefix + "_" + id + "_" + secret;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(
                hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads an {@code Authorization} header value: {@code Bearer <token>}, {@code ApiKey
     * <base64(id:secret)>} or {@code ApiKey <token>}, {@code Basic <base64(id:secret)>} or {@code Basic
     * <base64(anything:token)>}.
     */
    static Optional<Presented> parse(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0 || authorization.length() > 1024) {
            return Optional.empty();
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).strip();
        return switch (scheme) {
            case "bearer" -> token(value);
            case "apikey" -> token(value).or(() -> decoded(value).flatMap(Secrets::pair));
            case "basic" -> decoded(value).flatMap(Secrets::pair);
            default -> Optional.empty();
        };
    }

    private static Optional<Presented> token(String value) {
        Matcher m = TOKEN.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = m.group(1).equals("vgk") ? Kind.KEY : Kind.AGENT;
        return Optional.of(new Presented(kind, m.group(2), m.group(3)));
    }

    private static Optional<Presented> pair(String idAndSecret) {
        int colon = idAndSecret.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String id = idAndSecret.substring(0, colon);
        String secret = idAndSecret.substring(colon + 1);
        Optional<Presented> asToken = token(secret);
        if (asToken.isPresent()) {
            return asToken;
        }
        return ID.matcher(id).matches() && !secret.isEmpty()
                ? Optional.of(new Presented(Kind.KEY, id, secret))
                : Optional.empty();
    }

    private static Optional<String> decoded(String base64) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
