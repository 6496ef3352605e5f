package io.vigil.server.detection;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * One Sigma text a tenant stored: a custom rule (detection and correlation documents) or an
 * exclusion (filter documents). A text may hold several YAML documents.
 *
 * @param id the text's id (a UUID)
 * @param tenant whose it is
 * @param kind custom rule or exclusion
 * @param name a label chosen by its author
 * @param text the Sigma YAML
 */
public record TenantRuleText(
        String id,
        TenantId tenant,
        Kind kind,
        String name,
        String text,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** What a text may hold. */
    public enum Kind {
        /** Detection and correlation rules that run beside the shared packs. */
        RULE,
        /** Filter rules applied as AND NOT to the rules they name. */
        EXCLUSION;

        /** The file name the rule set builder sees, so problems and rules name the text. */
        String file(String id) {
            return (this == RULE ? "custom-rules/" : "exclusions/") + id;
        }
    }

    public TenantRuleText {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /** {@return the file name the rule set builder sees for this text} */
    public String file() {
        return kind.file(id);
    }
}
