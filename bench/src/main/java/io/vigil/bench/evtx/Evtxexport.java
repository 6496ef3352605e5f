package io.vigil.bench.evtx;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs libevtx's {@code evtxexport} ({@code -f xml}: every record rendered as event XML) as a child
 * process.
 *
 * @param executable the {@code evtxexport} program
 */
public record Evtxexport(Path executable) {

    /**
     * Finds {@code evtxexport}: the {@code EVTXEXPORT} environment variable, else the {@code PATH}.
     *
     * @return the program, or empty when it is not installed
     */
    public static Optional<Evtxexport> find() {
        String explicit = System.getenv("EVTXEXPORT");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable).map(Evtxexport::new);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "evtxexport");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Evtxexport(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * Exports one file to XML, discarding the output (the timed run).
     *
     * @param file the EVTX file
     * @throws IllegalStateException when {@code evtxexport} fails
     */
    public void exportDiscarding(Path file) {
        ProcessBuilder builder = new ProcessBuilder(command(file))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        await(start(builder), file);
    }

    /**
     * Exports one file to XML and counts the records in the output (the untimed check).
     *
     * @param file the EVTX file
     * @return how many {@code <Event} elements were written
     * @throws IllegalStateException when {@code evtxexport} fails
     */
    public long countRecords(Path file) {
        ProcessBuilder builder = new ProcessBuilder(command(file)).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = start(builder);
        long records;
        try (InputStream out = process.getInputStream()) {
            records = new String(out.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> line.startsWith("<Event ") || line.equals("<Event>"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evtxexport's output for " + file, e);
        }
        await(process, file);
        return records;
    }

    /**
     * Starts {@code evtxexport -V} (print the version and exit): the cost of starting the process.
     *
     * @throws IllegalStateException when {@code evtxexport} fails
     */
    public void startOnly() {
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-V")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        await(start(builder), executable);
    }

    private List<String> command(Path file) {
        return List.of(executable.toString(), "-f", "xml", file.toString());
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    private static void await(Process process, Path file) {
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("evtxexport exited with " + exit + " on " + file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for evtxexport", e);
        }
    }
}
