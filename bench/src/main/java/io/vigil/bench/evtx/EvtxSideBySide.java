package io.vigil.bench.evtx;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Times Vigil's EVTX parser and libevtx's {@code evtxexport -f xml} in one run over the same files,
 * and prints records/s and MB/s (MB = 10^6 bytes of input file) for both with the spread over the
 * repetitions.
 *
 * <p>Both read the files from disk (page cache) and render every record to text: {@code evtxexport}
 * writes event XML to {@code /dev/null}; Vigil builds each canonical event, its fields and its event
 * XML in memory. Vigil runs single-threaded in this JVM after a timed warm-up (JVM start-up excluded;
 * the first, cold pass is printed too). {@code evtxexport} runs once per file, so its figures include
 * one process start per file; they are also given with the measured start-up cost ({@code
 * evtxexport -V}) subtracted (an estimate from the medians), and over one file joined from all the files' chunks (one process). The
 * order of the contenders alternates between repetitions.
 *
 * <p>Usage: {@code EvtxSideBySide [dir] [repetitions] [warm-up seconds]}; defaults {@code
 * ../shared/datasets/sigma/regression_data 10 20}.
 */
public final class EvtxSideBySide {
    private static final double MB = 1e6;
    private final PrintStream out;
    private final EvtxCorpus corpus;
    private final Path joinedFile;
    private final long joinedBytes;
    private final VigilEvtx vigil = new VigilEvtx();

    private EvtxSideBySide(PrintStream out, EvtxCorpus corpus, Path joinedFile, long joinedBytes) {
        this.out = out;
        this.corpus = corpus;
        this.joinedFile = joinedFile;
        this.joinedBytes = joinedBytes;
    }

    /**
     * Runs the comparison.
     *
     * @param args directory, repetitions, warm-up seconds (all optional)
     * @throws IOException when the joined file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/sigma/regression_data");
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        EvtxCorpus corpus = EvtxCorpus.load(dir);
        if (corpus.files().isEmpty()) {
            System.err.println("no .evtx files under " + dir.toAbsolutePath());
            System.exit(2);
        }
        byte[] joined = corpus.joined();
        Path joinedFile = Files.createTempFile("vigil-bench-joined-", ".evtx");
        try {
            Files.write(joinedFile, joined);
            new EvtxSideBySide(System.out, corpus, joinedFile, joined.length)
                    .run(Evtxexport.find(), repetitions, warmupSeconds);
        } finally {
            Files.deleteIfExists(joinedFile);
        }
    }

    private void run(Optional<Evtxexport> evtxexport, int repetitions, int warmupSeconds) {
        int files = corpus.files().size();
        long cold = time(this::vigilPerFile);
        VigilEvtx.Tally perFile = vigilPerFileTally();
        VigilEvtx.Tally joined = vigil.parse(joinedFile);
        out.printf(
                "input: %d files, %,d bytes (%.1f MB), Vigil: %d records, %d issues; joined file: %d chunks,"
                        + " %,d bytes, Vigil: %d records, %d issues%n",
                files,
                corpus.totalBytes(),
                corpus.totalBytes() / MB,
                perFile.events(),
                perFile.issues(),
                (joinedBytes - EvtxCorpus.FILE_HEADER_SIZE) / EvtxCorpus.CHUNK_SIZE,
                joinedBytes,
                joined.events(),
                joined.issues());
        if (evtxexport.isEmpty()) {
            out.println("SKIPPED the comparison: evtxexport is not installed (apt-get install -y libevtx-utils,"
                    + " or set EVTXEXPORT to its path); Vigil's figures only.");
        }
        evtxexport.ifPresent(tool -> checkCounts(tool, perFile, joined));
        int warmupPasses = warmUp(warmupSeconds);
        out.printf(
                "Vigil warm-up: %d passes in %d s (each: all files + the joined file); first cold pass: %.0f ms%n",
                warmupPasses, warmupSeconds, cold / 1e6);
        Timings timings = new Timings();
        for (int r = 0; r < repetitions; r++) {
            timings.repeat(r % 2 == 0, evtxexport);
        }
        report(timings, perFile.events(), joined.events(), evtxexport.isPresent());
    }

    private void checkCounts(Evtxexport tool, VigilEvtx.Tally perFile, VigilEvtx.Tally joined) {
        long perFileRecords = 0;
        for (Path file : corpus.files()) {
            perFileRecords += tool.countRecords(file);
        }
        long joinedRecords = tool.countRecords(joinedFile);
        out.printf(
                "evtxexport %s: %d records over the files, %d in the joined file (Vigil: %d, %d)%n",
                tool.executable(), perFileRecords, joinedRecords, perFile.events(), joined.events());
    }

    private int warmUp(int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int passes = 0;
        while (System.nanoTime() < end) {
            vigilPerFile();
            vigil.parse(joinedFile);
            passes++;
        }
        return passes;
    }

    private long vigilPerFile() {
        return vigilPerFileTally().rawChars();
    }

    private VigilEvtx.Tally vigilPerFileTally() {
        VigilEvtx.Tally total = new VigilEvtx.Tally(0, 0, 0);
        for (Path file : corpus.files()) {
            total = total.plus(vigil.parse(file));
        }
        return total;
    }

    private static long time(LongSupplier work) {
        long start = System.nanoTime();
        long result = work.getAsLong();
        long elapsed = System.nanoTime() - start;
        if (result < 0) {
            throw new IllegalStateException("impossible result " + result);
        }
        return elapsed;
    }

    /** Durations of each contender over the repetitions. */
    private final class Timings {
        final List<Long> vigilPerFile = new ArrayList<>();
        final List<Long> vigilJoined = new ArrayList<>();
        final List<Long> toolPerFile = new ArrayList<>();
        final List<Long> toolJoined = new ArrayList<>();
        final List<Long> toolStartups = new ArrayList<>();

        void repeat(boolean vigilFirst, Optional<Evtxexport> evtxexport) {
            if (vigilFirst) {
                vigil();
            }
            evtxexport.ifPresent(this::tool);
            if (!vigilFirst) {
                vigil();
            }
        }

        private void vigil() {
            vigilPerFile.add(time(EvtxSideBySide.this::vigilPerFile));
            vigilJoined.add(time(() -> vigil.parse(joinedFile).rawChars()));
        }

        private void tool(Evtxexport tool) {
            toolPerFile.add(time(() -> {
                corpus.files().forEach(tool::exportDiscarding);
                return 0;
            }));
            toolJoined.add(time(() -> {
                tool.exportDiscarding(joinedFile);
                return 0;
            }));
            int starts = corpus.files().size();
            toolStartups.add(time(() -> {
                        for (int i = 0; i < starts; i++) {
                            tool.startOnly();
                        }
                        return 0;
                    })
                    / starts);
        }
    }

    private void report(Timings t, long records, long joinedRecords, boolean withTool) {
        double mb = corpus.totalBytes() / MB;
        double joinedMb = joinedBytes / MB;
        out.printf("%-58s %-32s %s%n", "median (slowest–fastest run) over repetitions", "records/s", "MB/s");
        line("Vigil, each file", Spread.of(t.vigilPerFile), records, mb);
        line("Vigil, joined file", Spread.of(t.vigilJoined), joinedRecords, joinedMb);
        if (!withTool) {
            return;
        }
        Spread startup = Spread.of(t.toolStartups);
        line("evtxexport, each file (a process per file)", Spread.of(t.toolPerFile), records, mb);
        line("evtxexport, joined file (one process)", Spread.of(t.toolJoined), joinedRecords, joinedMb);
        out.printf(
                "evtxexport start-up (-V): median %.2f ms (%.2f–%.2f) per process%n",
                startup.medianNanos() / 1e6, startup.minNanos() / 1e6, startup.maxNanos() / 1e6);
        compare("each file, start-up included", t.vigilPerFile, t.toolPerFile);
        estimateWithoutStartup(Spread.of(t.toolPerFile), startup, Spread.of(t.vigilPerFile), records, mb);
        compare("joined file", t.vigilJoined, t.toolJoined);
    }

    /**
     * The difference of two noisy times has no meaningful spread under load, so only the medians are
     * used: evtxexport's median time over the files minus one median start-up per file.
     */
    private void estimateWithoutStartup(Spread tool, Spread startup, Spread vigilSpread, long records, double mb) {
        long nanos = tool.medianNanos() - corpus.files().size() * startup.medianNanos();
        if (nanos <= 0) {
            out.println("each file, evtxexport start-up subtracted: not measurable (start-up is all of the time)");
            return;
        }
        out.printf(
                "each file, evtxexport start-up subtracted (estimate from medians): %,.0f records/s, %,.1f MB/s;"
                        + " Vigil is faster by %.2fx%n",
                records * 1e9 / nanos, mb * 1e9 / nanos, (double) nanos / vigilSpread.medianNanos());
    }

    private void line(String name, Spread spread, long records, double mb) {
        out.printf("%-58s %-32s %s%n", name, spread.rate((double) records, 0), spread.rate(mb, 1));
    }

    private void compare(String what, List<Long> vigilNanos, List<Long> toolNanos) {
        double factor = (double) Spread.of(toolNanos).medianNanos()
                / Spread.of(vigilNanos).medianNanos();
        String faster = factor >= 1 ? "Vigil" : "evtxexport";
        out.printf("%s: %s is faster by %.2fx (median times)%n", what, faster, factor >= 1 ? factor : 1 / factor);
    }
}
