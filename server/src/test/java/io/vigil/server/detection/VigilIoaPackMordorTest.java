package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.TestEnvironment;
import io.vigil.sigma.Match;
import io.vigil.sigma.RuleSet;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vigil's IoA pack over the real attack recordings of {@code ../shared/datasets/mordor}: on each,
 * exactly the expected rules fire (the attack's, and nothing else of the pack), each as often as
 * the recording holds the attack step. Skipped without the data set, failing in CI.
 */
class VigilIoaPackMordorTest {

    private static final RuleSet PACK = VigilIoaPack.addTo(RuleSet.builder()).build();

    static List<Arguments> recordings() {
        return List.of(
                Arguments.of(
                        "empire_shell_reg_dump_sam.zip",
                        "reg save HKLM\\sam: Sysmon 1 and Security 4688",
                        Map.of("win_reg_save_credential_hive.yml", 2)),
                Arguments.of(
                        "cmd_psexec_lsa_secrets_dump.zip",
                        "logs cleared, PsExec service (7045, 4697), reg save of LSA secrets run by PSEXESVC",
                        Map.of(
                                "win_security_log_cleared.yml", 1,
                                "win_system_log_cleared.yml", 1,
                                "win_system_psexec_service_installed.yml", 1,
                                "win_security_service_installed_remote_execution.yml", 1,
                                "win_proc_psexesvc_child.yml", 2,
                                "win_reg_save_credential_hive.yml", 2)),
                Arguments.of(
                        "psh_lsass_memory_dump_comsvcs.zip",
                        "Security log cleared, rundll32 comsvcs MiniDump of lsass (4688, Sysmon 1, Sysmon 10)",
                        Map.of(
                                "win_security_log_cleared.yml", 1,
                                "win_lsass_minidump_comsvcs.yml", 2,
                                "win_lsass_access_minidump_calltrace.yml", 1)),
                Arguments.of(
                        "empire_psexec_dcerpc_tcp_svcctl.zip",
                        "Empire Invoke-PsExec: a service running %COMSPEC% /C start powershell -enc (System 7045, Security 4697)",
                        Map.of(
                                "win_system_service_runs_shell_or_script.yml", 1,
                                "win_security_service_installed_remote_execution.yml", 1)),
                Arguments.of(
                        "cmd_dumping_ntds_dit_file_ntdsutil.zip",
                        "PowerShell log cleared before the run (System 104), ntdsutil ifm create full (4688, Sysmon 1)",
                        Map.of("win_system_log_cleared.yml", 1, "win_ntdsutil_ifm_snapshot.yml", 2)),
                Arguments.of("sh_arp_cache.zip", "arp -a on Linux: no IoA of the pack", Map.of()),
                Arguments.of("sh_binary_padding_dd.zip", "dd padding a binary: no IoA of the pack", Map.of()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("recordings")
    void shouldFireExactlyTheAttacksRulesOnTheRecording(String zip, String what, Map<String, Integer> expected)
            throws IOException {
        Map<String, Integer> fired = new TreeMap<>();
        for (CanonicalEvent event : read(zip)) {
            for (Match m : PACK.match(new CanonicalSigmaEvent(event))) {
                String file = m.rule().file();
                fired.merge(file.substring(file.lastIndexOf('/') + 1), 1, Integer::sum);
            }
        }
        assertThat(fired).as(what).isEqualTo(new TreeMap<>(expected));
    }

    private static List<CanonicalEvent> read(String zip) throws IOException {
        Path file = Path.of(System.getProperty("vigil.test.shared-dir", "../../shared"), "datasets", "mordor", zip);
        TestEnvironment.require(
                Files.isRegularFile(file), "The shared Mordor data set", "put ../shared beside the checkout");
        List<CanonicalEvent> events = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                SourceFormat format = e.getName().endsWith(".log") ? SourceFormat.AUDITD : SourceFormat.JSON_LINES;
                ParseResult result = Parsers.forFormat(format)
                        .parseAll(entries, ParseContext.offline(new TenantId("mordor"), e.getName(), clock));
                assertThat(result.errorCount())
                        .as(e.getName() + " parse errors")
                        .isZero();
                events.addAll(result.events());
            }
        }
        assertThat(events).isNotEmpty();
        return events;
    }
}
