package io.vigil.server.ingest;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Bounds the memory all batch bodies being received and processed may use together ({@code
 * vigil.ingest.buffer-budget}). A request takes a {@link Lease} and grows it one MiB at a time while
 * its body arrives; when the budget is spent it waits up to {@link #WAIT_SECONDS} seconds for others
 * to finish, then is refused with 503 and {@code Retry-After}, before anything of it is stored. So a
 * flood of large batches slows senders down instead of exhausting the heap.
 */
@Component
class IngestBuffers {

    static final int MIB = 1024 * 1024;
    static final int WAIT_SECONDS = 10;

    private final Semaphore permits;
    private final int budget;

    IngestBuffers(IngestProperties properties) {
        this.budget = (int) Math.max(1, properties.bufferBudget().toBytes() / MIB);
        this.permits = new Semaphore(budget, true);
    }

    Lease lease() {
        return new Lease();
    }

    /** {@return MiB currently leased} for metrics and tests. */
    int leased() {
        return budget - permits.availablePermits();
    }

    /** The memory one request holds; close it when the request is answered. */
    final class Lease implements AutoCloseable {
        private int held;

        /** Makes sure {@code bytes} are covered, waiting for budget if needed. */
        void cover(long bytes) {
            int needed = (int) Math.min(Integer.MAX_VALUE, (bytes + MIB - 1) / MIB);
            if (needed <= held) {
                return;
            }
            int more = needed - held;
            if (more > budget) {
                throw new IngestException(413, "The body does not fit in vigil.ingest.buffer-budget.");
            }
            try {
                if (!permits.tryAcquire(more, WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IngestException(
                            503,
                            "Vigil is receiving more telemetry than it can buffer right now; nothing of this"
                                    + " request was stored. Retry it in a few seconds.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException(503, "The server is shutting down; retry the request.");
            }
            held += more;
        }

        @Override
        public void close() {
            permits.release(held);
            held = 0;
        }
    }
}
