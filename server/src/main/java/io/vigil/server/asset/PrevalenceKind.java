package io.vigil.server.asset;

import io.vigil.server.platform.ValidationException;
import java.util.Locale;

/** What fleet prevalence is counted for, from process creation events. */
public enum PrevalenceKind {
    /** The process image path, lower-cased. */
    IMAGE,
    /** A file hash of the image (MD5, SHA-1 or SHA-256, lower-case hex). */
    HASH,
    /** The full command line, as written. */
    COMMAND_LINE;

    /** Parses {@code image}, {@code hash} or {@code command_line} (any case). */
    public static PrevalenceKind parse(String field, String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (PrevalenceKind k : values()) {
            if (k.name().equals(upper)) {
                return k;
            }
        }
        throw new ValidationException(
                field, "Unknown kind '" + Texts.clip(name, 32) + "'; use one of image, hash, command_line.");
    }
}
