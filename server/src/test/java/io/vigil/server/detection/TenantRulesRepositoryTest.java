package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.DataProperties;
import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TestDatabase;
import io.vigil.sigma.MapEvent;
import io.vigil.sigma.Match;
import io.vigil.sigma.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants' rule settings stored in both state database dialects, and the per-tenant rule sets built
 * from them: what one tenant stores changes only its own matches.
 */
class TenantRulesRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    private static final TenantId A = new TenantId("tenant-a");
    private static final TenantId B = new TenantId("tenant-b");

    @TempDir
    Path dir;

    private static final String SHARED = """
            title: Shared whoami
            id: 5a000000-0000-4000-8000-000000000001
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {Image|endswith: '\\whoami.exe'}
                condition: selection
            """;

    private static Map<String, Object> process(String image, String user) {
        return Map.of("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 1, "Image", image, "User", user);
    }

    private static List<String> fired(RuleSet rules, Map<String, Object> event) {
        return rules.match(MapEvent.of(event)).stream().map(m -> m.rule().id()).toList();
    }

    private static TenantRuleText text(String id, TenantRuleText.Kind kind, String yaml) {
        return new TenantRuleText(id, A, kind, id, yaml, T0, "soc", T0, "soc");
    }

    private static TenantRuleSets.Built built(TenantRuleSets sets) {
        return java.util.Objects.requireNonNull(sets.builtFor(A), "tenant A's own rule set");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldStoreATenantsSettingsAndBuildItsOwnRuleSetFromThem(Dialect dialect) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(folder.resolve("whoami.yml"), SHARED);
        RulePacks packs = new RulePacks(
                new DetectionProperties(true, List.of(folder), false, Duration.ofMinutes(1)),
                new DataProperties(dir.resolve("data")),
                Clock.systemUTC());
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            TenantRulesRepository repository =
                    new TenantRulesRepository(db.jdbc(), JsonMapper.builder().build());
            assertThat(repository.load(A).customised()).isFalse();
            assertThat(repository.bumpRevision(A, 0, T0)).isEqualTo(1);
            repository.insertText(text("r1", TenantRuleText.Kind.RULE, """
                    title: Tenant certutil
                    id: 5a000000-0000-4000-8000-0000000000c1
                    logsource: {product: windows, category: process_creation}
                    detection:
                        selection: {Image|endswith: '\\certutil.exe', User|expand: '%admins%'}
                        condition: selection
                    """));
            repository.insertText(text("x1", TenantRuleText.Kind.EXCLUSION, """
                    title: Service accounts may run whoami
                    id: 5a000000-0000-4000-8000-0000000000f1
                    filter:
                        rules: [5a000000-0000-4000-8000-000000000001]
                        selection: {User|startswith: 'svc_'}
                        condition: selection
                    """));
            repository.replacePlaceholders(A, Map.of("admins", List.of("CORP\\eve")));
            assertThat(repository.bumpRevision(A, 1, T0)).isEqualTo(2);
            // A change based on an old revision is refused: someone else changed the settings.
            assertThatThrownBy(() -> repository.bumpRevision(A, 1, T0)).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> repository.bumpRevision(A, 0, T0)).isInstanceOf(ConflictException.class);

            TenantRuleSettings loaded = repository.load(A);
            assertThat(loaded.revision()).isEqualTo(2);
            assertThat(loaded.texts()).extracting(TenantRuleText::id).containsExactly("r1", "x1");
            assertThat(loaded.placeholders()).containsEntry("admins", List.of("CORP\\eve"));
            assertThat(repository.load(B).customised()).isFalse();
            assertThat(repository.revisions()).containsOnlyKeys(A);

            TenantRuleSets sets = new TenantRuleSets(packs, repository);
            try {
                RuleSet ofA = sets.rulesFor(A);
                RuleSet ofB = sets.rulesFor(B);
                assertThat(ofB).isSameAs(packs.current().rules());
                assertThat(ofA).isNotSameAs(ofB);
                assertThat(built(sets).compiled().problems()).isEmpty();

                Map<String, Object> svcWhoami = process("C:\\Windows\\System32\\whoami.exe", "svc_backup");
                Map<String, Object> eveCertutil = process("C:\\Windows\\System32\\certutil.exe", "CORP\\eve");
                assertThat(fired(ofA, svcWhoami)).isEmpty();
                assertThat(fired(ofB, svcWhoami)).containsExactly("5a000000-0000-4000-8000-000000000001");
                assertThat(fired(ofA, eveCertutil)).containsExactly("5a000000-0000-4000-8000-0000000000c1");
                assertThat(fired(ofB, eveCertutil)).isEmpty();

                // Switching the shared pack off, stored by "another node": noticed by refreshChanged.
                String pack = packs.current().packs().get(0).id();
                repository.bumpRevision(A, 2, T0);
                repository.setSwitch(A, true, pack, false, T0, "soc");
                sets.refreshChanged();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (built(sets).revision() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Map<String, Object> userWhoami = process("C:\\Windows\\System32\\whoami.exe", "bob");
                assertThat(fired(sets.rulesFor(A), userWhoami)).isEmpty();
                assertThat(fired(sets.rulesFor(B), userWhoami)).containsExactly("5a000000-0000-4000-8000-000000000001");
                assertThat(sets.rulesFor(A).rules().stream().map(m -> m.id()))
                        .contains("5a000000-0000-4000-8000-000000000001");
                List<Match> none = sets.rulesFor(A).match(MapEvent.of(svcWhoami));
                assertThat(none).isEmpty();
            } finally {
                sets.destroy();
            }
        }
    }
}
