package io.vigil.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptionWriterTest {

    private static Story story(List<Story.Chain> chains, List<String> commands, List<Story.FileRef> files) {
        return new Story(
                List.of("web01"),
                List.of(new Story.UserRef("corp\\alice", "S-1-5-21-1-2-3-1104"), new Story.UserRef("corp\\bob", null)),
                chains,
                commands,
                files,
                List.of("Event log cleared (high) ×2"),
                List.of("defense-evasion"),
                List.of("T1070.001"),
                Instant.parse("2026-11-28T06:00:00Z"),
                Instant.parse("2026-11-28T06:10:04Z"));
    }

    @Test
    void shouldWriteTheProcessChainFilesCommandsUsersAndHosts() {
        String md = DescriptionWriter.write(story(
                List.of(new Story.Chain(
                        "web01",
                        List.of(
                                new Story.Step("C:\\Windows\\explorer.exe", null, null),
                                new Story.Step(
                                        "C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe",
                                        "\"C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe\" -n vmusr",
                                        "corp\\alice"),
                                new Story.Step(
                                        "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                        "powershell.exe -ExecutionPolicy Bypass -File C:\\ProgramData\\clear.ps1",
                                        "corp\\alice"),
                                new Story.Step(
                                        "C:\\Windows\\System32\\wevtutil.exe",
                                        "wevtutil cl Security",
                                        "corp\\alice")))),
                List.of("wevtutil cl Security"),
                List.of(new Story.FileRef("web01", "C:\\ProgramData\\clear.ps1", "C:\\Windows\\powershell.exe"))));
        assertThat(md)
                .contains("`explorer.exe` → `vmtoolsd.exe` → `powershell.exe` → `wevtutil.exe`")
                .contains("### Process chain on `web01`")
                .contains("command line `powershell.exe -ExecutionPolicy Bypass -File C:\\ProgramData\\clear.ps1`")
                .contains("### Files created\n\n- `C:\\ProgramData\\clear.ps1` on `web01` by `powershell.exe`")
                .contains("### Commands run\n\n- `wevtutil cl Security`")
                .contains("- `corp\\alice` (SID `S-1-5-21-1-2-3-1104`)")
                .contains("- `corp\\bob` (SID not recorded)")
                .contains("### Hosts\n\n- `web01`")
                .contains("2026-11-28T06:00:00Z", "`defense-evasion`", "`T1070.001`");
    }

    @Test
    void shouldKeepMarkdownAndHtmlInUntrustedValuesInert() {
        String hostile = "cmd /c echo `x` <script>alert(1)</script> [link](http://evil) **bold**\n# heading";
        String md = DescriptionWriter.write(story(List.of(), List.of(hostile), List.of()));
        // Fenced with two backticks (the value has single ones), line break flattened.
        assertThat(md)
                .contains("- ``cmd /c echo `x` <script>alert(1)</script> [link](http://evil) **bold** # heading``\n");
        assertThat(md).doesNotContain("\n# heading");
    }

    @Test
    void shouldFenceValuesStartingOrEndingWithBackticks() {
        assertThat(DescriptionWriter.code("`a``b`")).isEqualTo("``` `a``b` ```");
        assertThat(DescriptionWriter.code("plain")).isEqualTo("`plain`");
        assertThat(DescriptionWriter.code(" \n")).isEqualTo("`(empty)`");
        assertThat(DescriptionWriter.baseName("C:\\Windows\\System32\\cmd.exe")).isEqualTo("cmd.exe");
        assertThat(DescriptionWriter.baseName("/usr/bin/bash")).isEqualTo("bash");
    }
}
