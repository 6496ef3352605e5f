package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.TestEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged jar the way {@code ./vigil serve} does, on an empty data folder given by the
 * {@code VIGIL_DATA_DIR} environment variable, and waits for health UP; then signs in with the
 * password printed once to the log and finds the forced password change.
 */
class PackagedApplicationIT {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password:\\s+(\\S+)");

    @TempDir
    Path dir;

    @Test
    void shouldStartOnAnEmptyDataFolderAndReachHealthUp() throws Exception {
        Path jar = Path.of("target/vigil-server.jar").toAbsolutePath();
        TestEnvironment.require(Files.isRegularFile(jar), "the packaged jar", "run ./mvnw verify (it packages first)");
        Path data = dir.resolve("empty-data");
        Path log = dir.resolve("vigil.log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--server.port=" + port))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("VIGIL_") && !k.startsWith("VIGIL_TEST_"));
        env.put("VIGIL_DATA_DIR", data.toString());
        Instant start = Instant.now();
        Process process = builder.start();
        try {
            Http http = new Http("http://127.0.0.1:" + port);
            String health = "";
            while (Duration.between(start, Instant.now()).toSeconds() < 180 && process.isAlive()) {
                try {
                    HttpResponse<String> r = http.getJson("/actuator/health", null);
                    if (r.statusCode() == 200) {
                        health = r.body();
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            Duration startup = Duration.between(start, Instant.now());
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(health).as("health answer; log:%n%s", output).contains("\"status\":\"UP\"");
            System.out.printf("Packaged Vigil reached health UP in %d ms%n", startup.toMillis());

            assertThat(data.resolve("state.db")).exists();
            assertThat(data.resolve("telemetry.db")).exists();

            Matcher printed = PRINTED_PASSWORD.matcher(output);
            assertThat(printed.find())
                    .as("the first admin's password is printed once")
                    .isTrue();
            HttpResponse<String> login = http.login("admin", printed.group(1));
            assertThat(Http.location(login)).endsWith("/");
            assertThat(Http.location(http.get("/"))).endsWith("/account/password");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
