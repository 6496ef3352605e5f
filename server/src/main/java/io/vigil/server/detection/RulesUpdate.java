package io.vigil.server.detection;

import io.vigil.sigma.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code vigil rules update}: downloads a SigmaHQ release archive, checks it, and installs its rules
 * into the data folder ({@code <data>/rules/sigmahq}), where the server picks them up without a
 * restart.
 *
 * <p>The archive is hostile until proven otherwise: the download is capped, entries that would
 * land outside the target folder (zip slip), too many entries and too many unpacked bytes refuse
 * the whole archive, and an archive from which no rule loads is refused too. Installation is a
 * rename of a fully unpacked folder, so the server never sees half an update, and a failed update
 * leaves the installed rules as they were.
 */
public final class RulesUpdate {

    /** SigmaHQ's latest core rules (stable, test status; the Detection Rule License applies). */
    public static final String DEFAULT_URL = "https://github.com/SigmaHQ/sigma/releases/latest/download/sigma_core.zip";

    /** The file in the installed folder that records where the rules came from. */
    public static final String SOURCE_FILE = "SOURCE.txt";

    /** Limits on what an archive may be. */
    public record Limits(long maxDownload, long maxUnpacked, int maxEntries) {
        public static final Limits DEFAULT = new Limits(200L << 20, 1L << 30, 100_000);
    }

    /** What an update installed. */
    public record Installed(Path folder, int files, int rules, int refused, String sha256) {}

    /** Why an update was refused; the message says what to do. */
    public static final class UpdateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UpdateException(String message) {
            super(message);
        }

        UpdateException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http;
    private final Limits limits;
    private final PrintStream progress;

    public RulesUpdate(HttpClient http, Limits limits, PrintStream progress) {
        this.http = http;
        this.limits = limits;
        this.progress = progress;
    }

    /** {@return the folder downloaded rules are installed to for a data folder} */
    public static Path installFolder(Path dataDir) {
        return dataDir.resolve("rules").resolve("sigmahq");
    }

    /**
     * Downloads {@code url} and installs its rules into {@code target}.
     *
     * @throws UpdateException when the download or the archive is refused; {@code target} is then
     *     unchanged
     */
    public Installed update(URI url, Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new UpdateException("cannot install rules into " + target + ": it has no parent folder");
        }
        try {
            Files.createDirectories(parent);
            Path archive = Files.createTempFile(parent, ".sigma-download-", ".zip");
            Path unpacked = parent.resolve("." + target.getFileName() + ".new-" + System.nanoTime());
            try {
                String sha256 = download(url, archive);
                int files = unpack(archive, unpacked);
                RuleSet rules = load(unpacked);
                if (rules.rules().isEmpty()) {
                    throw new UpdateException(
                            "the archive at " + url + " holds no Sigma rule that loads (" + files + " rule files, "
                                    + rules.refusals().size() + " refused); the installed rules are unchanged");
                }
                Files.writeString(
                        unpacked.resolve(SOURCE_FILE),
                        "url: " + url + "\ndownloaded: " + Instant.now() + "\nsha256: " + sha256 + "\nrules: "
                                + rules.rules().size() + "\nrefused: "
                                + rules.refusals().size() + "\n",
                        StandardCharsets.UTF_8);
                swap(unpacked, target);
                return new Installed(
                        target, files, rules.rules().size(), rules.refusals().size(), sha256);
            } finally {
                Files.deleteIfExists(archive);
                deleteTree(unpacked);
            }
        } catch (IOException e) {
            throw new UpdateException("cannot install rules into " + target + ": " + e.getMessage(), e);
        }
    }

    private String download(URI url, Path archive) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofMinutes(5))
                            .header("User-Agent", "vigil-rules-update")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UpdateException("cannot download " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException("interrupted while downloading " + url, e);
        }
        if (response.statusCode() != 200) {
            try {
                response.body().close();
            } catch (IOException e) {
                // closing a failed answer
            }
            throw new UpdateException("cannot download " + url + ": the server answered HTTP " + response.statusCode());
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > limits.maxDownload()) {
            throw new UpdateException("the archive at " + url + " is " + declared + " bytes, more than the limit of "
                    + limits.maxDownload() + " bytes");
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        long nextReport = 1 << 20;
        try (InputStream in = new DigestInputStream(response.body(), sha);
                OutputStream out = Files.newOutputStream(archive)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limits.maxDownload()) {
                    throw new UpdateException("the archive at " + url + " is larger than the limit of "
                            + limits.maxDownload() + " bytes; download stopped");
                }
                out.write(buffer, 0, n);
                if (total >= nextReport) {
                    progress.printf(Locale.ROOT, "\rvigil rules update: downloaded %.1f MB", total / 1e6);
                    nextReport += 1 << 20;
                }
            }
        } catch (IOException e) {
            throw new UpdateException("the download of " + url + " broke off after " + total + " bytes: " + e, e);
        }
        progress.printf(Locale.ROOT, "\rvigil rules update: downloaded %.1f MB%n", total / 1e6);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Unpacks the rule files (and license and readme files) of the archive; returns the rule files. */
    private int unpack(Path archive, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        int rules = 0;
        long unpacked = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw new UpdateException(
                        "the archive has " + zip.size() + " entries, more than the limit of " + limits.maxEntries());
            }
            List<? extends ZipEntry> entries = zip.stream().toList();
            for (ZipEntry entry : entries) {
                Path dest = root.resolve(entry.getName()).normalize();
                if (!dest.startsWith(root)
                        || entry.getName().startsWith("/")
                        || entry.getName().contains("\\")) {
                    throw new UpdateException("the archive is refused: its entry '" + entry.getName()
                            + "' would be written outside the rules folder");
                }
            }
            for (ZipEntry entry : entries) {
                if (entry.isDirectory() || !wanted(entry.getName())) {
                    continue;
                }
                Path dest = root.resolve(entry.getName()).normalize();
                Path folder = dest.getParent();
                if (folder != null) {
                    Files.createDirectories(folder);
                }
                try (InputStream in = zip.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(dest)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        unpacked += n;
                        if (unpacked > limits.maxUnpacked()) {
                            throw new UpdateException("the archive unpacks to more than " + limits.maxUnpacked()
                                    + " bytes; refused (a zip bomb, or not a rules archive)");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                if (isRule(entry.getName())) {
                    rules++;
                }
            }
        } catch (ZipException e) {
            throw new UpdateException("the download is not a readable zip archive: " + e.getMessage(), e);
        }
        return rules;
    }

    private static boolean wanted(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
        return isRule(name) || file.startsWith("LICENSE") || file.startsWith("README");
    }

    private static boolean isRule(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yml") || lower.endsWith(".yaml");
    }

    private static RuleSet load(Path folder) {
        RuleSet.Builder builder = RuleSet.builder().placeholders(Map.of());
        for (Path file : RuleFiles.find(folder)) {
            try {
                builder.add(folder.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.build();
    }

    /** Puts {@code fresh} in place of {@code target} with renames; the old folder is removed last. */
    private static void swap(Path fresh, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        boolean hadOld = Files.exists(target);
        if (hadOld) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (hadOld) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (hadOld) {
            deleteTree(old);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
