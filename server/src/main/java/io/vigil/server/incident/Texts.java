package io.vigil.server.incident;

/** Small text helpers for messages. */
final class Texts {

    private Texts() {}

    /** At most 64 characters of {@code s}, for echoing input back in an error message. */
    static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
