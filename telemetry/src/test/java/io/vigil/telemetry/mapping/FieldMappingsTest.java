package io.vigil.telemetry.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMappingsTest {
    private final FieldMappings mappings = FieldMappings.defaults();

    @Test
    void shouldMapEcsAndSigmaNamesBothWaysWithTheEventDataFallback() {
        assertThat(mappings.sigmaNameForEcs("process.command_line")).isEqualTo("CommandLine");
        assertThat(mappings.ecsNameForSigma("CommandLine")).isEqualTo("process.command_line");
        assertThat(mappings.sigmaNameForEcs("winlog.event_data.TargetUserName")).isEqualTo("TargetUserName");
        assertThat(mappings.ecsNameForSigma("TargetUserName")).isEqualTo("winlog.event_data.TargetUserName");
        assertThat(mappings.sigmaNameForEcs("cloud.region")).isNull();
    }

    @Test
    void shouldFindSigmaCategoriesByChannelInAnyCaseAndEventId() {
        assertThat(mappings.sigmaCategory("microsoft-windows-sysmon/operational", 1))
                .isEqualTo("process_creation");
        assertThat(mappings.sigmaCategory("Microsoft-Windows-Sysmon/Operational", 22))
                .isEqualTo("dns_query");
        assertThat(mappings.sigmaCategory("SECURITY", 4688)).isEqualTo("process_creation");
        assertThat(mappings.sigmaCategory("Microsoft-Windows-PowerShell/Operational", 4104))
                .isEqualTo("ps_script");
        assertThat(mappings.sigmaCategory("Security", 4624)).isNull();
    }

    @Test
    void shouldApplyFieldConditionsOfTheCategoryTable() {
        String sysmon = "Microsoft-Windows-Sysmon/Operational";

        assertThat(mappings.sigmaCategory(sysmon, 12, Map.of("EventType", "DeleteKey")))
                .isEqualTo("registry_delete");
        assertThat(mappings.sigmaCategory(sysmon, 12, Map.of("EventType", "CreateKey")))
                .isEqualTo("registry_add");
        assertThat(mappings.sigmaCategory(sysmon, 1, Map.of())).isEqualTo("process_creation");
    }

    @Test
    void shouldSpellWellKnownChannelsCanonicallyAndLeaveOthersAlone() {
        assertThat(mappings.canonicalChannel("security")).isEqualTo("Security");
        assertThat(mappings.canonicalChannel("MICROSOFT-WINDOWS-SYSMON/OPERATIONAL"))
                .isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(mappings.canonicalChannel("Vendor-Custom/Log")).isEqualTo("Vendor-Custom/Log");
    }

    @Test
    void shouldRenameSecurity4688FieldsToProcessCreationNamesKeepingUnshadowedOriginals() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("NewProcessName", "C:\\a.exe");
        fields.put("NewProcessId", "0x10");
        fields.put("ProcessId", "0x4");
        fields.put("CommandLine", "a.exe /x");

        Map<String, String> renamed = mappings.renameWindowsFields("Security", 4688, fields);

        assertThat(renamed)
                .containsEntry("Image", "C:\\a.exe")
                .containsEntry("NewProcessName", "C:\\a.exe")
                .containsEntry("ProcessId", "0x10")
                .containsEntry("ParentProcessId", "0x4")
                .containsEntry("NewProcessId", "0x10")
                .containsEntry("CommandLine", "a.exe /x");
        assertThat(mappings.renameWindowsFields("Security", 4624, fields)).isEqualTo(fields);
    }

    @Test
    void shouldNameSyscallsPerArchitectureAndCategoriseEcsDocuments() {
        assertThat(mappings.syscallName("c000003e", "59")).isEqualTo("execve");
        assertThat(mappings.syscallName("c00000b7", "221")).isEqualTo("execve");
        assertThat(mappings.syscallName("c000003e", "0")).isNull();
        assertThat(mappings.sigmaCategoryForEcs(List.of("process"), List.of("start")))
                .isEqualTo("process_creation");
        assertThat(mappings.sigmaCategoryForEcs(List.of("network"), List.of("info")))
                .isEqualTo("network_connection");
        assertThat(mappings.sigmaCategoryForEcs(List.of("host"), List.of("info")))
                .isNull();
    }
}
