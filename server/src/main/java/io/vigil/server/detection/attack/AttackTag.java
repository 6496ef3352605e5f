package io.vigil.server.detection.attack;

import org.jspecify.annotations.Nullable;

/**
 * What an {@code attack.*} Sigma tag refers to. Every tag resolves to one of these: ids and names
 * the catalog does not know are kept as {@link Unknown}, never dropped.
 */
public sealed interface AttackTag permits AttackTag.TacticRef, AttackTag.TechniqueRef, AttackTag.Unknown {

    /** The tag as written in the rule, e.g. {@code attack.t1003.001}. */
    String tag();

    /** A short text for alerts and reports: id and name when known, else the id as written. */
    String display();

    /**
     * A tactic, by its current short name or by a former one ({@code defense-evasion}).
     *
     * @param formerName the former short name the tag used, or {@code null} when it is current
     */
    record TacticRef(String tag, Tactic tactic, @Nullable String formerName) implements AttackTag {
        @Override
        public String display() {
            String shown = tactic.id() + " " + tactic.name();
            return formerName == null ? shown : shown + " (tagged as former " + formerName + ")";
        }
    }

    /**
     * A technique of the catalog; a revoked id resolves to its replacement.
     *
     * @param revokedId the revoked id the tag used (e.g. {@code T1070.001}), or {@code null}
     */
    record TechniqueRef(
            String tag, Technique technique, @Nullable String revokedId) implements AttackTag {
        @Override
        public String display() {
            String shown = technique.id() + " " + technique.fullName();
            return revokedId == null ? shown : shown + " (tagged as revoked " + revokedId + ")";
        }
    }

    /**
     * An ATT&amp;CK tag the catalog does not know: a newer technique or tactic, a group ({@code
     * attack.g0016}) or software ({@code attack.s0002}) id.
     *
     * @param id the part after {@code attack.}, upper-cased when it is an id ({@code T1999})
     */
    record Unknown(String tag, String id) implements AttackTag {
        @Override
        public String display() {
            return id;
        }
    }
}
