package io.vigil.telemetry.internal.auditd;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Decoding of audit values: hex-encoded strings, EXECVE arguments and SOCKADDR structures. */
final class AuditValues {
    /** Keys whose bare (unquoted) value is hex-encoded text. */
    private static final Set<String> TEXT_KEYS =
            Set.of("exe", "comm", "cwd", "name", "proctitle", "cmd", "acct", "path");

    private AuditValues() {}

    static boolean isTextKey(String key) {
        return TEXT_KEYS.contains(key);
    }

    /** Decodes hex text whose parts are NUL-separated (proctitle, arguments) into space-separated text. */
    static String decodeArgs(String value) {
        if (!isHex(value)) {
            return value;
        }
        byte[] bytes = HexFormat.of().parseHex(value);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                bytes[i] = ' ';
            }
        }
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    /** Joins EXECVE arguments a0…a(argc-1) into a command line and adds each decoded argument to the fields. */
    static String joinExecve(AuditRecord execve, Map<String, String> fields) {
        int argc = parseCount(execve.values().getOrDefault("argc", "0"));
        StringJoiner line = new StringJoiner(" ");
        fields.put("argc", Integer.toString(argc));
        for (int i = 0; i < argc && execve.values().containsKey("a" + i); i++) {
            String arg = execve.text("a" + i);
            fields.put("a" + i, arg);
            line.add(arg);
        }
        return line.toString();
    }

    /** Decodes a SOCKADDR {@code saddr} into address and port (IPv4 and IPv6), or returns false. */
    static boolean addSocketAddress(String saddr, Map<String, String> fields) {
        if (!isHex(saddr) || saddr.length() < 16) {
            return false;
        }
        byte[] b = HexFormat.of().parseHex(saddr);
        int family = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        int port = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        if (family == 2 && b.length >= 8) {
            fields.put(
                    "DestinationIp", (b[4] & 0xFF) + "." + (b[5] & 0xFF) + "." + (b[6] & 0xFF) + "." + (b[7] & 0xFF));
            fields.put("DestinationPort", Integer.toString(port));
            return true;
        }
        if (family == 10 && b.length >= 24) {
            StringJoiner address = new StringJoiner(":");
            for (int i = 8; i < 24; i += 2) {
                address.add(Integer.toHexString((b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF)));
            }
            fields.put("DestinationIp", address.toString());
            fields.put("DestinationPort", Integer.toString(port));
            return true;
        }
        return false;
    }

    private static int parseCount(String value) {
        try {
            return Math.min(Integer.parseInt(value), 10_000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean isHex(String value) {
        if (value.isEmpty() || value.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
