package io.vigil.server.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntCommandTest {

    private static final String WHOAMI = """
            {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", "Hostname": "ws1.example.org", \
            "TimeCreated": "2026-11-28T10:00:00Z", "Image": "C:\\\\Windows\\\\System32\\\\whoami.exe", \
            "CommandLine": "whoami /all, \\"quoted\\""}
            """;

    @TempDir
    Path dir;

    private Path rules;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void rules() throws IOException {
        rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("whoami.yml"), """
                title: Whoami Execution
                id: 5b6f2a4e-1c1d-4f6e-9c1a-000000000011
                level: medium
                tags: [attack.discovery, attack.t1033]
                logsource: {product: windows, category: process_creation}
                detection:
                    selection: {Image|endswith: '\\\\whoami.exe'}
                    condition: selection
                """);
        Files.writeString(rules.resolve("linux_keyword.yml"), """
                title: Linux Whoami Keyword
                id: 5b6f2a4e-1c1d-4f6e-9c1a-000000000012
                level: high
                logsource: {product: linux, service: auditd}
                detection:
                    keywords: ['whoami']
                    condition: keywords
                """);
    }

    private int run(String... args) {
        return HuntCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintDetectionsAsCsvWithQuotingAndASummary() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("sysmon.jsonl"), WHOAMI + "{not json\n");
        Files.writeString(logs.resolve("notes.txt"), "just some notes\n");

        assertThat(run(logs.toString(), "--rules", rules.toString(), "--format", "csv", "--no-progress"))
                .isZero();

        assertThat(stdout().lines().toList()).hasSize(2);
        assertThat(stdout())
                .startsWith("time,host,level,rule,rule_id,attack,evidence,source,event_id")
                .contains("2026-11-28T10:00:00Z,ws1.example.org,medium,Whoami Execution,")
                .contains("T1033")
                .contains("Image=C:\\Windows\\System32\\whoami.exe")
                .doesNotContain("Linux Whoami Keyword");
        assertThat(stderr())
                .contains("2 rules loaded, 0 refused")
                .contains("1 files")
                .contains("parse errors: 1")
                .contains("sysmon.jsonl")
                .contains("sysmon.jsonl:2: invalid JSON")
                .contains("skipped (format not recognised): 1")
                .contains("detections: 1   medium 1");
    }

    @Test
    void shouldReadFilesInsideZipArchivesAndFilterByLevel() throws IOException {
        Path zip = dir.resolve("case.zip");
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(file)) {
            z.putNextEntry(new ZipEntry("host1/sysmon.jsonl"));
            z.write(WHOAMI.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("host2/sysmon.jsonl"));
            z.write(WHOAMI.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertThat(run(zip.toString(), "--rules", rules.toString(), "--format", "json"))
                .isZero();
        assertThat(stdout().lines().toList())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line)
                        .contains("\"rule\":\"Whoami Execution\"")
                        .contains("case.zip!host"));

        out.reset();
        assertThat(run(zip.toString(), "--rules", rules.toString(), "--min-level", "high"))
                .isZero();
        assertThat(stdout().lines().toList()).hasSize(1).first().asString().startsWith("TIME (UTC)");
    }

    @Test
    void shouldRefuseBadUsageWithExitCode2() {
        assertThat(run()).isEqualTo(2);
        assertThat(run(dir.toString())).isEqualTo(2);
        assertThat(run(dir.toString(), "--rules", dir.resolve("nope").toString()))
                .isEqualTo(2);
        assertThat(run(dir.toString(), "--rules", rules.toString(), "--format", "xml"))
                .isEqualTo(2);
        assertThat(run(dir.toString(), "--rules", rules.toString(), "--min-level", "urgent"))
                .isEqualTo(2);
        assertThat(stderr()).contains("does not exist").contains("--format is table, csv or json");
    }

    @Test
    void shouldHuntRealAttackRecordingsWithoutParseErrors() {
        Path shared = Path.of(System.getProperty("vigil.test.shared-dir", "../../shared"));
        Path mordor = shared.resolve("datasets/mordor");
        Path sigma = shared.resolve("datasets/sigma/rules/windows");
        TestEnvironment.require(
                Files.isDirectory(mordor) && Files.isDirectory(sigma),
                "the shared data sets",
                "check out ../shared beside the repository");
        assertThat(run(mordor.toString(), "--rules", sigma.toString(), "--format", "csv"))
                .isZero();
        assertThat(stderr()).contains("parse errors: 0").contains("16,743 records");
        assertThat(stdout())
                .contains("Security Eventlog Cleared")
                .contains("Lsass Memory Dump via Comsvcs DLL")
                .contains("PsExec Service Installation");
    }
}
