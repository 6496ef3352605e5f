package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil rules update} against a real HTTP server on loopback serving release-like zips, good
 * and hostile: a refused archive never changes the installed rules.
 */
class RulesUpdateTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/latest/")) {
                exchange.getResponseHeaders().add("Location", "/files/" + path.substring("/latest/".length()));
                exchange.sendResponseHeaders(302, -1);
            } else if (files.containsKey(path)) {
                byte[] body = files.get(path);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String rule(String id, String image) {
        return """
                title: Rule %s
                id: %s
                status: test
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        Image|endswith: '%s'
                    condition: selection
                level: medium
                """.formatted(id, id, image);
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> release(String... idsAndImages) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("LICENSE", "Detection Rule License (DRL) 1.1\n");
        entries.put("tools/convert.py", "print('not a rule')\n");
        for (int i = 0; i < idsAndImages.length; i += 2) {
            entries.put("rules/windows/process_creation/r" + i + ".yml", rule(idsAndImages[i], idsAndImages[i + 1]));
        }
        return entries;
    }

    private RulesUpdate update(RulesUpdate.Limits limits) {
        return new RulesUpdate(http, limits, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldInstallTheRulesOfAReleaseFollowingItsRedirectAndReplaceThemOnTheNextUpdate() throws IOException {
        files.put(
                "/files/sigma_core.zip",
                zip(release(
                        "0a3a6c9e-0000-4000-8000-000000000001", "\\a.exe",
                        "0a3a6c9e-0000-4000-8000-000000000002", "\\b.exe")));
        Path target = RulesUpdate.installFolder(dir.resolve("data"));
        RulesUpdate.Installed installed =
                update(RulesUpdate.Limits.DEFAULT).update(url("/latest/sigma_core.zip"), target);

        assertThat(installed.rules()).isEqualTo(2);
        assertThat(installed.files()).isEqualTo(2);
        assertThat(installed.sha256()).hasSize(64);
        assertThat(target.resolve("rules/windows/process_creation/r0.yml")).exists();
        assertThat(target.resolve("LICENSE")).content().contains("Detection Rule License");
        assertThat(target.resolve("tools/convert.py")).doesNotExist();
        assertThat(target.resolve(RulesUpdate.SOURCE_FILE))
                .content()
                .contains("/latest/sigma_core.zip", "sha256: " + installed.sha256(), "rules: 2");

        files.put("/files/sigma_core.zip", zip(release("0a3a6c9e-0000-4000-8000-000000000003", "\\c.exe")));
        RulesUpdate.Installed second = update(RulesUpdate.Limits.DEFAULT).update(url("/latest/sigma_core.zip"), target);
        assertThat(second.rules()).isEqualTo(1);
        assertThat(target.resolve("rules/windows/process_creation/r2.yml")).doesNotExist();
        try (var left = Files.list(target.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("sigmahq");
        }
    }

    private Path installedOnce() throws IOException {
        files.put("/files/good.zip", zip(release("0a3a6c9e-0000-4000-8000-000000000009", "\\good.exe")));
        Path target = RulesUpdate.installFolder(dir.resolve("data"));
        update(RulesUpdate.Limits.DEFAULT).update(url("/files/good.zip"), target);
        return target;
    }

    private static void assertUnchanged(Path target) {
        assertThat(target.resolve("rules/windows/process_creation/r0.yml"))
                .content()
                .contains("good.exe");
    }

    @Test
    void shouldRefuseAMissingArchiveAndKeepTheInstalledRules() throws IOException {
        Path target = installedOnce();
        assertThatThrownBy(() -> update(RulesUpdate.Limits.DEFAULT).update(url("/files/nope.zip"), target))
                .isInstanceOf(RulesUpdate.UpdateException.class)
                .hasMessageContaining("HTTP 404");
        assertUnchanged(target);
    }

    @Test
    void shouldRefuseAnArchiveWhoseEntriesEscapeTheFolder() throws IOException {
        Path target = installedOnce();
        Map<String, String> evil = release("0a3a6c9e-0000-4000-8000-000000000004", "\\d.exe");
        evil.put("../../escaped.yml", rule("0a3a6c9e-0000-4000-8000-000000000005", "\\e.exe"));
        files.put("/files/evil.zip", zip(evil));
        assertThatThrownBy(() -> update(RulesUpdate.Limits.DEFAULT).update(url("/files/evil.zip"), target))
                .hasMessageContaining("'../../escaped.yml' would be written outside the rules folder");
        assertThat(dir.resolve("escaped.yml")).doesNotExist();
        assertThat(dir.resolve("data/escaped.yml")).doesNotExist();
        assertUnchanged(target);
    }

    @Test
    void shouldRefuseWhatIsNotAZipOrHoldsNoRules() throws IOException {
        Path target = installedOnce();
        files.put("/files/page.zip", "<html>not found</html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> update(RulesUpdate.Limits.DEFAULT).update(url("/files/page.zip"), target))
                .hasMessageContaining("not a readable zip archive");
        files.put("/files/empty.zip", zip(Map.of("LICENSE", "x", "rules/bad.yml", "title: only a title\n")));
        assertThatThrownBy(() -> update(RulesUpdate.Limits.DEFAULT).update(url("/files/empty.zip"), target))
                .hasMessageContaining("holds no Sigma rule that loads (1 rule files, 1 refused)");
        assertUnchanged(target);
    }

    @Test
    void shouldStopOversizedDownloadsAndZipBombs() throws IOException {
        Path target = installedOnce();
        files.put("/files/big.zip", zip(release("0a3a6c9e-0000-4000-8000-000000000006", "\\f.exe")));
        assertThatThrownBy(
                        () -> update(new RulesUpdate.Limits(100, 1 << 20, 100)).update(url("/files/big.zip"), target))
                .hasMessageContaining("more than the limit of 100 bytes");
        Map<String, String> bomb = release("0a3a6c9e-0000-4000-8000-000000000007", "\\g.exe");
        bomb.put("rules/padding.yml", "#" + "A".repeat(3_000_000));
        files.put("/files/bomb.zip", zip(bomb));
        assertThatThrownBy(() ->
                        update(new RulesUpdate.Limits(1 << 20, 1 << 20, 100)).update(url("/files/bomb.zip"), target))
                .hasMessageContaining("unpacks to more than 1048576 bytes");
        assertThatThrownBy(() ->
                        update(new RulesUpdate.Limits(1 << 20, 1 << 30, 2)).update(url("/files/bomb.zip"), target))
                .hasMessageContaining("entries, more than the limit of 2");
        assertUnchanged(target);
    }

    @Test
    void shouldInstallFromTheCommandLineAndRefuseBadUsage() throws IOException {
        files.put("/files/cli.zip", zip(release("0a3a6c9e-0000-4000-8000-000000000008", "\\h.exe")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RulesCommand.update(
                new String[] {"--url", url("/files/cli.zip").toString()},
                dir.resolve("cli-data").toString(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 rules installed in", "Detection Rule License");
        assertThat(dir.resolve("cli-data/rules/sigmahq/rules/windows/process_creation/r0.yml"))
                .exists();

        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        PrintStream u = new PrintStream(usage, true, StandardCharsets.UTF_8);
        assertThat(RulesCommand.update(new String[] {"--url", "file:///etc/passwd"}, null, u, u))
                .isEqualTo(2);
        assertThat(RulesCommand.update(new String[] {"--bogus"}, null, u, u)).isEqualTo(2);
        assertThat(usage.toString(StandardCharsets.UTF_8)).contains("http or https URL", "'--bogus'");

        assertThat(RulesCommand.update(
                        new String[] {
                            "--url",
                            url("/files/missing.zip").toString(),
                            "--dir",
                            dir.resolve("x").toString()
                        },
                        null,
                        u,
                        u))
                .isEqualTo(1);
    }
}
