package io.vigil.server.hunt;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress display on standard error, redrawn at most twice a second. */
final class Progress {

    private final PrintStream err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void update(int file, int files, long bytes, long totalBytes, long records, long detections) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int percent = totalBytes == 0 ? 100 : (int) Math.min(100, bytes * 100 / totalBytes);
        err.printf(
                Locale.ROOT,
                "\r[%3d%%] file %d/%d  %s/%s  %,d records  %,d detections   ",
                percent,
                file,
                files,
                size(bytes),
                size(totalBytes),
                records,
                detections);
        err.flush();
    }

    void done() {
        if (drawn) {
            err.println();
        }
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
