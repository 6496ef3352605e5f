package io.vigil.server.detection.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttackCatalogTest {

    private final AttackCatalog catalog = AttackCatalog.bundled();

    @Test
    void shouldKnowTheFifteenTacticsOfVersion19WithIdsShortNamesAndNames() {
        assertThat(catalog.version()).isEqualTo("19.1");
        assertThat(catalog.tactics()).hasSize(15);
        assertThat(catalog.tactic("credential-access"))
                .contains(new Tactic("TA0006", "credential-access", "Credential Access"));
        assertThat(catalog.tactic("TA0112")).map(Tactic::shortName).contains("defense-impairment");
        assertThat(catalog.tactic("Command_And_Control")).map(Tactic::id).contains("TA0011");
        assertThat(catalog.tactic("defense-evasion"))
                .as("a former name is not a current tactic")
                .isEmpty();
    }

    @Test
    void shouldGiveTechniquesTheirNamesTacticsAndParent() {
        Technique lsass = catalog.technique("t1003.001").orElseThrow();
        assertThat(lsass.name()).isEqualTo("LSASS Memory");
        assertThat(lsass.fullName()).isEqualTo("OS Credential Dumping: LSASS Memory");
        assertThat(lsass.isSubTechnique()).isTrue();
        assertThat(lsass.tactics()).extracting(Tactic::shortName).containsExactly("credential-access");

        Technique cron = catalog.technique("T1053.003").orElseThrow();
        assertThat(cron.tactics())
                .extracting(Tactic::shortName)
                .containsExactly("execution", "persistence", "privilege-escalation");
        assertThat(catalog.technique("T1047").orElseThrow().fullName()).isEqualTo("Windows Management Instrumentation");
        assertThat(catalog.technique("T1053.004").orElseThrow().deprecated()).isTrue();
        assertThat(catalog.techniques().stream().filter(t -> !t.deprecated()))
                .as("README of the data set: 697 active techniques")
                .hasSize(697);
    }

    @Test
    void shouldResolveSigmaTagsToTacticsAndTechniques() {
        assertThat(catalog.resolve("attack.t1003.001").orElseThrow())
                .isInstanceOfSatisfying(AttackTag.TechniqueRef.class, r -> {
                    assertThat(r.technique().id()).isEqualTo("T1003.001");
                    assertThat(r.revokedId()).isNull();
                    assertThat(r.display()).isEqualTo("T1003.001 OS Credential Dumping: LSASS Memory");
                });
        assertThat(catalog.resolve("attack.credential-access").orElseThrow())
                .isInstanceOfSatisfying(
                        AttackTag.TacticRef.class, r -> assertThat(r.display()).isEqualTo("TA0006 Credential Access"));
        assertThat(catalog.resolve("attack.credential_access").orElseThrow()).isInstanceOf(AttackTag.TacticRef.class);
        assertThat(catalog.resolve("cve.2021-44228")).isEmpty();
        assertThat(catalog.resolve("attack.")).isEmpty();
    }

    @Test
    void shouldMapRevokedIdsAndFormerTacticNamesToTheCurrentOnes() {
        assertThat(catalog.resolve("attack.t1070.001").orElseThrow())
                .isInstanceOfSatisfying(AttackTag.TechniqueRef.class, r -> {
                    assertThat(r.technique().id()).isEqualTo("T1685.005");
                    assertThat(r.revokedId()).isEqualTo("T1070.001");
                    assertThat(r.display()).contains("Clear Windows Event Logs").contains("revoked T1070.001");
                });
        assertThat(catalog.replacementOf("T1562.001")).map(Technique::id).contains("T1685");
        assertThat(catalog.technique("T1070.001")).isEmpty();
        assertThat(catalog.resolve("attack.defense-evasion").orElseThrow())
                .isInstanceOfSatisfying(AttackTag.TacticRef.class, r -> {
                    assertThat(r.tactic().id()).isEqualTo("TA0005");
                    assertThat(r.formerName()).isEqualTo("defense-evasion");
                });
    }

    @Test
    void shouldKeepUnknownIdsAsTheyAre() {
        assertThat(catalog.resolve("attack.t1999.001").orElseThrow())
                .isEqualTo(new AttackTag.Unknown("attack.t1999.001", "T1999.001"));
        assertThat(catalog.resolve("attack.g0016").orElseThrow().display()).isEqualTo("G0016");
        assertThat(catalog.resolve("attack.brand-new-tactic").orElseThrow().display())
                .isEqualTo("brand-new-tactic");
    }

    @Test
    void shouldRefuseAMalformedCatalogNamingTheLine() {
        assertThatThrownBy(() -> AttackCatalog.parse("version\t1\ntactic\tTA0001\tinitial-access\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("takes 3 values");
        String unknownTactic = """
                version\t1
                tactic\tTA0001\tinitial-access\tInitial Access
                technique\tT1001\tX\tnope\tactive
                """;
        assertThatThrownBy(() -> AttackCatalog.parse(unknownTactic)).hasMessageContaining("unknown tactic 'nope'");
        assertThatThrownBy(() -> AttackCatalog.parse("version\t1\nrevoked\tT1001\tX\tT1002\n"))
                .hasMessageContaining("replaced by unknown T1002");
        assertThatThrownBy(() -> AttackCatalog.parse("tactic\tTA0001\ta\tA\n")).hasMessageContaining("no version");
    }
}
