package io.vigil.server.store;

import static io.vigil.server.store.StoreFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TestEnvironment;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Process trees over real Sysmon and Security 4688 data (a Mordor recording) and over pid reuse. */
class ProcessTreeTest {

    private static final TenantId T = new TenantId("hunt-tenant");

    @TempDir
    Path dir;

    /** The Mordor recording of PsExec running reg.exe to dump LSA secrets: Sysmon 1 and Security 4688 for each process. */
    static List<CanonicalEvent> psexecRecording() throws IOException {
        Path shared = Path.of(System.getProperty("vigil.test.shared-dir", "../../shared"));
        Path zip = shared.resolve("datasets/mordor/cmd_psexec_lsa_secrets_dump.zip");
        TestEnvironment.require(
                Files.isRegularFile(zip), "The shared Mordor data set", "put ../shared beside the checkout");
        try (InputStream file = Files.newInputStream(zip);
                ZipInputStream in = new ZipInputStream(file)) {
            List<CanonicalEvent> events = new ArrayList<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ParseResult result = Parsers.forFormat(SourceFormat.JSON_LINES)
                        .parseAll(
                                in,
                                ParseContext.offline(
                                        new io.vigil.telemetry.TenantId(T.value()),
                                        e.getName(),
                                        Clock.fixed(Instant.parse("2020-10-19T08:00:00Z"), ZoneOffset.UTC)));
                assertThat(result.errorCount()).isZero();
                events.addAll(result.events());
            }
            return events;
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldRebuildTheSysmonTreeByProcessGuid(Dialect dialect) throws IOException {
        List<CanonicalEvent> events = psexecRecording();
        CanonicalEvent reg = events.stream()
                .filter(e -> "process_creation".equals(e.envelope().sigmaCategory()))
                .filter(e -> e.field("ProcessGuid") != null)
                .filter(e -> String.valueOf(e.field("Image")).endsWith("reg.exe"))
                .findFirst()
                .orElseThrow();
        String asset = reg.envelope().asset().value();
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            long distinct =
                    events.stream().map(e -> e.envelope().id()).distinct().count();
            assertThat(f.store().write(events))
                    .as("the recording repeats some records; each is stored once")
                    .isEqualTo(distinct);

            ProcessTree tree = f.store()
                    .processTree(
                            ADMIN,
                            T,
                            asset,
                            String.valueOf(reg.field("ProcessGuid")).toUpperCase(java.util.Locale.ROOT));

            assertThat(tree.process().image()).endsWith("\\reg.exe");
            assertThat(tree.process().commandLine()).containsIgnoringCase("reg");
            assertThat(tree.process().pid()).isEqualTo(824L);
            assertThat(tree.process().eventId()).isEqualTo(reg.envelope().id().value());
            assertThat(tree.ancestors())
                    .extracting(ProcessNode::image)
                    .containsExactly("C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\System32\\services.exe");
            assertThat(tree.ancestors().get(0).eventId())
                    .as("PSEXESVC's creation is recorded")
                    .isNotNull();
            assertThat(tree.ancestors().get(1).eventId())
                    .as("services.exe is known only from its child")
                    .isNull();
            assertThat(tree.ancestors()).extracting(ProcessNode::depth).containsExactly(-1, -2);
            assertThat(tree.process().parentKey())
                    .isEqualTo(tree.ancestors().get(0).key());
            assertThat(tree.descendants())
                    .extracting(ProcessNode::image)
                    .containsExactly("C:\\Windows\\System32\\conhost.exe");
            assertThat(tree.descendants().get(0).parentKey())
                    .isEqualTo(tree.process().key());
            assertThat(tree.truncated()).isFalse();

            // from the root of the recording's chain, the tree reaches down to conhost
            ProcessTree fromService = f.store()
                    .processTree(ADMIN, T, asset, tree.ancestors().get(0).key());
            assertThat(fromService.descendants())
                    .extracting(ProcessNode::image)
                    .containsExactly("C:\\Windows\\System32\\reg.exe", "C:\\Windows\\System32\\conhost.exe");
            assertThat(fromService.descendants()).extracting(ProcessNode::depth).containsExactly(1, 2);

            assertThatThrownBy(() -> f.store()
                            .processTree(ADMIN, T, "other-asset", tree.process().key()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> f.store()
                            .processTree(
                                    StoreFixture.viewerOf("someone-else"),
                                    T,
                                    asset,
                                    tree.process().key()))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldRebuildTheSecurity4688TreeByHexProcessIds(Dialect dialect) throws IOException {
        List<CanonicalEvent> events = psexecRecording();
        CanonicalEvent reg = events.stream()
                .filter(e -> e.envelope().origin() instanceof io.vigil.telemetry.EventOrigin.Windows w
                        && w.eventId() == 4688)
                .filter(e -> String.valueOf(e.field("Image")).endsWith("reg.exe"))
                .findFirst()
                .orElseThrow();
        assertThat(reg.field("ProcessId")).isEqualTo("0x338");
        String asset = reg.envelope().asset().value();
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            f.store().write(events);
            String key = EventRows.derivedKey(
                    asset, 0x338, reg.envelope().eventTime().toEpochMilli());

            ProcessTree tree = f.store().processTree(ADMIN, T, asset, key);

            assertThat(tree.process().pid()).isEqualTo(0x338L);
            assertThat(tree.process().parentPid()).isEqualTo(0x5b4L);
            assertThat(tree.ancestors())
                    .extracting(ProcessNode::image)
                    .containsExactly("C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\System32\\services.exe");
            assertThat(tree.ancestors()).extracting(ProcessNode::pid).containsExactly(0x5b4L, 0x2ccL);
            assertThat(tree.descendants())
                    .extracting(ProcessNode::image)
                    .containsExactly("C:\\Windows\\System32\\conhost.exe");
            assertThat(tree.descendants()).extracting(ProcessNode::pid).containsExactly(0x2304L);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldNotConfuseAProcessWithAnEarlierOneOfTheSamePid(Dialect dialect) {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            f.store()
                    .write(List.of(
                            StoreFixture.security4688(T.value(), "srv", t, 100, 4, "C:\\first.exe"),
                            StoreFixture.security4688(
                                    T.value(), "srv", t.plusSeconds(10), 200, 100, "C:\\child-of-first.exe"),
                            StoreFixture.security4688(T.value(), "srv", t.plusSeconds(20), 100, 4, "C:\\second.exe"),
                            StoreFixture.security4688(
                                    T.value(), "srv", t.plusSeconds(30), 300, 100, "C:\\child-of-second.exe"),
                            StoreFixture.security4688(
                                    T.value(), "srv", t.plus(Duration.ofDays(1)), 400, 300, "C:\\grandchild.exe"),
                            StoreFixture.security4688(
                                    T.value(), "other", t.plusSeconds(15), 500, 100, "C:\\elsewhere.exe")));

            ProcessTree first =
                    f.store().processTree(ADMIN, T, "srv", EventRows.derivedKey("srv", 100, t.toEpochMilli()));
            assertThat(first.descendants()).extracting(ProcessNode::image).containsExactly("C:\\child-of-first.exe");

            ProcessTree second = f.store()
                    .processTree(
                            ADMIN,
                            T,
                            "srv",
                            EventRows.derivedKey("srv", 100, t.plusSeconds(20).toEpochMilli()));
            assertThat(second.descendants())
                    .extracting(ProcessNode::image)
                    .containsExactly("C:\\child-of-second.exe", "C:\\grandchild.exe");

            ProcessTree grandchild = f.store()
                    .processTree(
                            ADMIN,
                            T,
                            "srv",
                            EventRows.derivedKey(
                                    "srv", 400, t.plus(Duration.ofDays(1)).toEpochMilli()));
            assertThat(grandchild.ancestors())
                    .extracting(ProcessNode::image)
                    .containsExactly("C:\\child-of-second.exe", "C:\\second.exe", null);
            assertThat(grandchild.ancestors().get(2).pid()).isEqualTo(4L);
        }
    }
}
