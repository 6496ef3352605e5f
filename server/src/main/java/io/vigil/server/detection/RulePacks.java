package io.vigil.server.detection;

import io.vigil.server.platform.DataProperties;
import io.vigil.sigma.Refusal;
import io.vigil.sigma.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Sigma rules the pipeline runs: Vigil's own IoA pack from the application, the folders named
 * in {@code vigil.detection.rules}, and the SigmaHQ rules {@code vigil rules update} installed in
 * the data folder. The compiled set is swapped atomically, so a reload (a
 * changed rule folder, or an explicit request) takes effect for the next event without a restart
 * and without stopping the pipeline; a reload that cannot read a folder keeps the rules it had.
 */
@Component
public class RulePacks {

    /** The id of Vigil's own IoA pack, for tenants switching it off. */
    public static final String VIGIL_IOA = "vigil-ioa";

    /** The id of the SigmaHQ rules {@code vigil rules update} installed. */
    public static final String SIGMAHQ = "sigmahq";

    /**
     * One source of rules.
     *
     * @param id what tenants call it when switching it off: {@code vigil-ioa}, {@code sigmahq}, or
     *     {@code folder-<name>} for a folder of {@code vigil.detection.rules}
     * @param name what it is
     * @param location where it was read from
     * @param files rule files read from it
     * @param attribution where the rules came from and their license, when known
     */
    public record Pack(String id, String name, String location, int files, String attribution) {}

    /**
     * One rule file as read, kept so a tenant's own rule set can be compiled from the same text.
     *
     * @param pack the id of the pack it belongs to
     * @param file the file name given to the rule set builder
     * @param text the rule text
     */
    public record Source(String pack, String file, String text) {}

    private static final Logger LOG = LoggerFactory.getLogger(RulePacks.class);

    /**
     * The rules in force.
     *
     * @param rules the compiled rule set
     * @param loadedAt when it was loaded
     * @param files rule files read
     * @param builtInRules rules from Vigil's own pack
     * @param packs where the rules came from, with attribution
     * @param fingerprint what the folders looked like (files, sizes, modification times)
     * @param sources every rule file read, in load order
     */
    public record Loaded(
            RuleSet rules,
            Instant loadedAt,
            int files,
            int builtInRules,
            List<Pack> packs,
            String fingerprint,
            List<Source> sources) {
        /** {@return the documents that were refused, with their reasons} */
        public List<Refusal> refusals() {
            return rules.refusals();
        }
    }

    private final DetectionProperties properties;
    private final Path downloaded;
    private final Clock clock;
    private final AtomicReference<Loaded> current = new AtomicReference<>();

    RulePacks(DetectionProperties properties, DataProperties data, Clock clock) {
        this.properties = properties;
        this.downloaded = RulesUpdate.installFolder(data.dir());
        this.clock = clock;
        for (Path folder : properties.rules()) {
            if (!Files.exists(folder)) {
                throw new IllegalStateException(
                        "vigil.detection.rules names " + folder.toAbsolutePath()
                                + ", which does not exist; point it at a folder of Sigma rules (e.g. a SigmaHQ release's rules/).");
            }
        }
        current.set(load());
    }

    /** {@return the rules in force} */
    public Loaded current() {
        return current.get();
    }

    /** Loads every pack again and puts the result in force. */
    public Loaded reload() {
        try {
            Loaded loaded = load();
            current.set(loaded);
            return loaded;
        } catch (UncheckedIOException | IllegalStateException e) {
            LOG.warn(
                    "Reloading the detection rules failed; the rules loaded at {} stay in force: {}",
                    current.get().loadedAt(),
                    e.getMessage());
            throw e;
        }
    }

    /** Reloads when a rule folder changed since the last load; called on a schedule. */
    void reloadIfChanged() {
        String now = fingerprint();
        if (!now.equals(current.get().fingerprint())) {
            LOG.info("Rule folders changed; reloading the detection rules");
            try {
                reload();
            } catch (UncheckedIOException | IllegalStateException e) {
                // logged by reload; tried again at the next check
            }
        }
    }

    private Loaded load() {
        long started = System.nanoTime();
        String fingerprint = fingerprint();
        RuleSet.Builder builder = RuleSet.builder().placeholders(Map.of());
        int files = 0;
        int builtIn = 0;
        List<Pack> packs = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        if (properties.builtInPack()) {
            for (Map.Entry<String, String> f : VigilIoaPack.files().entrySet()) {
                String name = VigilIoaPack.NAME + "/" + f.getKey();
                builder.add(name, f.getValue());
                sources.add(new Source(VIGIL_IOA, name, f.getValue()));
                files++;
                builtIn++;
            }
        }
        if (builtIn > 0) {
            packs.add(new Pack(VIGIL_IOA, "Vigil IoA pack", "built in", builtIn, "Vigil, Apache License 2.0"));
        }
        Set<String> ids = new HashSet<>();
        for (Path folder : folders()) {
            int before = files;
            String id = folder.equals(downloaded) ? SIGMAHQ : folderId(folder, ids);
            ids.add(id);
            for (Path file : RuleFiles.find(folder)) {
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    builder.add(file.toString(), text);
                    sources.add(new Source(id, file.toString(), text));
                    files++;
                } catch (IOException | UncheckedIOException e) {
                    LOG.warn("Cannot read the rule file {}: {}", file, e.getMessage());
                }
            }
            packs.add(
                    folder.equals(downloaded)
                            ? new Pack(id, "SigmaHQ", folder.toString(), files - before, sigmaHqAttribution(folder))
                            : new Pack(id, "rule folder", folder.toString(), files - before, ""));
        }
        RuleSet rules = builder.build();
        int builtInRules = (int) rules.rules().stream()
                .filter(m -> m.file().startsWith(VigilIoaPack.NAME + "/"))
                .count();
        LOG.info(
                "Detection rules loaded: {} rules from {} files ({} built in), {} refused, in {} ms",
                rules.rules().size(),
                files,
                builtInRules,
                rules.refusals().size(),
                (System.nanoTime() - started) / 1_000_000);
        if (builtIn > 0 && builtInRules == 0) {
            LOG.warn("None of the {} built-in rule files loaded; see the refusals", builtIn);
        }
        return new Loaded(rules, clock.instant(), files, builtInRules, packs, fingerprint, sources);
    }

    /** {@code folder-<folder name>}, lower case, with a number added when two folders share a name. */
    private static String folderId(Path folder, Set<String> taken) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        String base = "folder-"
                + (name == null ? "root" : name.toString())
                        .toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9._-]+", "-");
        String id = base;
        for (int n = 2; taken.contains(id) || id.equals(SIGMAHQ); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** The SigmaHQ project's attribution, with where and when {@code vigil rules update} got the rules. */
    private static String sigmaHqAttribution(Path folder) {
        String source = "";
        try {
            source = Files.readString(folder.resolve(RulesUpdate.SOURCE_FILE), StandardCharsets.UTF_8)
                    .strip()
                    .replace('\n', ';');
        } catch (IOException e) {
            // installed by hand: no record of the download
        }
        return "Sigma rules by the SigmaHQ project and its contributors, Detection Rule License (DRL) 1.1"
                + (source.isEmpty() ? "" : " (" + source + ")");
    }

    /** The configured folders, and the rules {@code vigil rules update} installed, when there are any. */
    private List<Path> folders() {
        List<Path> all = new ArrayList<>(properties.rules());
        if (Files.isDirectory(downloaded)) {
            all.add(downloaded);
        }
        return all;
    }

    private String fingerprint() {
        StringBuilder s = new StringBuilder();
        s.append(Files.isDirectory(downloaded)).append('\n');
        for (Path folder : folders()) {
            try {
                for (Path file : RuleFiles.find(folder)) {
                    s.append(file)
                            .append('|')
                            .append(Files.size(file))
                            .append('|')
                            .append(Files.getLastModifiedTime(file).toMillis())
                            .append('\n');
                }
            } catch (IOException | UncheckedIOException e) {
                s.append(folder).append("|unreadable\n");
            }
        }
        return Integer.toHexString(s.toString().hashCode()) + ":" + s.length();
    }
}
