package io.vigil.bench.evtx;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Vigil's EVTX parser over real files held in memory (no disk I/O), single-threaded. One operation
 * parses the whole corpus: {@code perFile} parses each file separately (file header, chunk checks and
 * per-file set-up included, as when many small uploads arrive), {@code joined} parses one file made of
 * all the files' chunks (per-record speed). The {@code records} and {@code bytes} counters give
 * records/s and bytes/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvtxParseBenchmark {

    /** Directory searched for {@code *.evtx}; relative to the working directory (the checkout). */
    @Param("../shared/datasets/sigma/regression_data")
    public String dir = "";

    private final VigilEvtx vigil = new VigilEvtx();
    private List<Path> names = List.of();
    private List<byte[]> files = List.of();
    private byte[] joined = new byte[0];
    private long fileBytes;

    /** Records and bytes parsed, reported by JMH as rates. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        /** Records (events) emitted. */
        public long records;

        /** Input bytes parsed. */
        public long bytes;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            records = 0;
            bytes = 0;
        }
    }

    /** Loads the corpus into memory. */
    @Setup(Level.Trial)
    public void load() {
        EvtxCorpus corpus = EvtxCorpus.load(Path.of(dir));
        if (corpus.files().isEmpty()) {
            throw new IllegalStateException(
                    "no .evtx files under " + Path.of(dir).toAbsolutePath());
        }
        names = corpus.files();
        files = corpus.contents();
        fileBytes = corpus.totalBytes();
        joined = corpus.joined();
    }

    /**
     * Parses every file separately.
     *
     * @param counters records and bytes
     * @param blackhole keeps the result alive
     */
    @Benchmark
    public void perFile(Counters counters, Blackhole blackhole) {
        VigilEvtx.Tally total = new VigilEvtx.Tally(0, 0, 0);
        for (int i = 0; i < files.size(); i++) {
            total = total.plus(vigil.parse(names.get(i).toString(), files.get(i)));
        }
        counters.records += total.events();
        counters.bytes += fileBytes;
        blackhole.consume(total);
    }

    /**
     * Parses the one file joined from all the files' chunks.
     *
     * @param counters records and bytes
     * @param blackhole keeps the result alive
     */
    @Benchmark
    public void joined(Counters counters, Blackhole blackhole) {
        VigilEvtx.Tally total = vigil.parse("joined.evtx", joined);
        counters.records += total.events();
        counters.bytes += joined.length;
        blackhole.consume(total);
    }
}
