package io.vigil.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.server.platform.Dialect;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventCodec;
import io.vigil.telemetry.TelemetryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.stereotype.Repository;

/**
 * The telemetry log as a table: in its own SQLite file in embedded mode, in the telemetry schema on
 * PostgreSQL. SQLite serialises writers itself; on
 * PostgreSQL an append first takes a transaction-scoped advisory lock, so positions are assigned in
 * commit order and a reader never passes over a row that commits later.
 */
@Repository
@Conditional(KafkaMode.Off.class)
class JdbcTelemetryLog implements TelemetryLog, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTelemetryLog.class);
    /** Any constant unique to this lock; "vigil-log" in ASCII. */
    private static final long APPEND_LOCK = 0x7669676c_2d6c6f67L;

    private static final int TRIM_CHUNK = 20_000;
    /** Encoded bytes of recent entries kept in memory for this process's consumers (see {@link LogTail}). */
    static final long TAIL_BYTES = 64L << 20;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Clock clock;
    private final Counter undecodable;
    /** Appends waiting for the writer, which commits all that are queued when it gets to them. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

    /**
     * The one thread that writes appends (a platform thread). Requests run on virtual threads, and a
     * virtual thread inside the SQLite driver's native code (inserting, and waiting for the commit's
     * fsync) keeps its carrier: with as many carriers as cores, a write of tens of milliseconds per
     * batch would take a core away from parsing the next requests. Handing the write to this thread
     * lets the request's virtual thread park while it waits, and queued requests share one commit.
     */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "telemetry-log-writer");
        t.setDaemon(true);
        return t;
    });

    private final LogTail tail = new LogTail(TAIL_BYTES);

    /** Bytes appended since the last complete checkpoint (roughly: payloads only). */
    private final AtomicLong uncheckpointed = new AtomicLong();

    /** Past this many uncheckpointed bytes the writer checkpoints itself (see {@link #checkpoint}). */
    static final long CHECKPOINT_BACKLOG = 512L << 20;

    private final long checkpointBacklog;

    @Autowired
    JdbcTelemetryLog(
            @Qualifier("telemetry-log") DataSource dataSource, Dialect dialect, Clock clock, MeterRegistry meters) {
        this(dataSource, dialect, clock, meters, CHECKPOINT_BACKLOG);
    }

    /** With another bound on what the writer leaves to {@link #checkpoint} (tests). */
    JdbcTelemetryLog(
            DataSource dataSource, Dialect dialect, Clock clock, MeterRegistry meters, long checkpointBacklog) {
        this.checkpointBacklog = checkpointBacklog;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.undecodable = Counter.builder("vigil.telemetry.log.undecodable")
                .description("log entries that could not be decoded and were skipped (see the error log)")
                .register(meters);
    }

    @Override
    public Appended append(List<CanonicalEvent> events) {
        if (events.isEmpty()) {
            return new Appended(0, 0, new BitSet());
        }
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (CanonicalEvent event : events) {
            payloads.add(EventCodec.encode(event)); // outside the transaction: keep the write lock short
        }
        Pending mine = new Pending(events, payloads);
        pending.add(mine);
        try {
            writer.execute(this::writeQueued);
        } catch (RejectedExecutionException e) {
            pending.remove(mine);
            throw new DataAccessResourceFailureException("the telemetry log is shutting down; send the batch again", e);
        }
        mine.done.join(); // a virtual thread parks here and frees its carrier for other requests
        Exception failure = mine.failure;
        if (failure != null) {
            throw new DataAccessResourceFailureException(
                    "cannot append to the telemetry log: " + failure.getMessage(), failure);
        }
        return new Appended(events.size(), mine.added.cardinality(), mine.added);
    }

    /** Commits every queued append in one transaction; on {@link #writer}. */
    private void writeQueued() {
        List<Pending> group = new ArrayList<>();
        for (Pending p = pending.poll(); p != null; p = pending.poll()) {
            group.add(p);
        }
        if (!group.isEmpty()) {
            writeGroup(group); // an earlier run may have taken this request's append already
        }
    }

    /** Lets the queued appends finish, then stops the writer. */
    @Override
    public void destroy() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("the telemetry log writer did not finish its queued appends within 30 s");
        }
    }

    /**
     * Writes a group of requests in one transaction (one fsync) and marks each done, with its result
     * or the group's failure: then nothing of the group was committed. Called on {@link #writer}.
     */
    private void writeGroup(List<Pending> group) {
        String insert = dialect == Dialect.SQLITE
                ? "INSERT OR IGNORE INTO telemetry_log (tenant_id, event_time, event_id, appended_at, payload)"
                        + " VALUES (?, ?, ?, ?, ?)"
                : "INSERT INTO telemetry_log (tenant_id, event_time, event_id, appended_at, payload)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, event_time, event_id) DO NOTHING";
        long now = clock.millis();
        long headBefore = 0;
        long headAfter = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (dialect == Dialect.POSTGRESQL) {
                    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        lock.setLong(1, APPEND_LOCK);
                        lock.execute();
                    }
                } else {
                    try (Statement st = c.createStatement()) {
                        st.execute("PRAGMA wal_autocheckpoint = 0"); // per connection; see checkpoint()
                    }
                    headBefore = sqliteHead(c);
                }
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    for (Pending p : group) {
                        for (int i = 0; i < p.events.size(); i++) {
                            CanonicalEvent e = p.events.get(i);
                            ps.setString(1, e.envelope().tenant().value());
                            ps.setLong(2, e.envelope().eventTime().toEpochMilli());
                            ps.setString(3, e.envelope().id().value());
                            ps.setLong(4, now);
                            ps.setBytes(5, p.payloads.get(i));
                            ps.addBatch();
                        }
                    }
                    int[] results = ps.executeBatch();
                    int r = 0;
                    for (Pending p : group) {
                        for (int i = 0; i < p.events.size(); i++) {
                            // SUCCESS_NO_INFO does not occur without batch rewriting; treat it as added.
                            if (results[r++] != 0) {
                                p.added.set(i);
                            }
                        }
                    }
                }
                if (dialect == Dialect.SQLITE) {
                    headAfter = sqliteHead(c);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            tail.clear();
            for (Pending p : group) {
                p.added.clear();
                p.failure = e;
                p.done.complete(null);
            }
            return;
        } catch (Error e) {
            for (Pending p : group) {
                p.added.clear();
                p.failure = new IllegalStateException("the telemetry log writer failed: " + e, e);
                p.done.complete(null);
            }
            throw e;
        }
        if (dialect == Dialect.SQLITE) {
            remember(group, headBefore, headAfter);
            long pending = uncheckpointed.addAndGet(groupBytes(group));
            if (pending > checkpointBacklog) {
                try {
                    checkpoint(); // the background checkpoints are starved: bound the write-ahead file
                } catch (RuntimeException e) { // the group is committed: answer it all the same
                    LOG.warn("The telemetry log writer could not checkpoint; trying again after the next append", e);
                }
            }
        }
        for (Pending p : group) {
            p.done.complete(null); // after the tail has the entries: a consumer woken by the ack finds them
        }
    }

    /**
     * Puts a committed SQLite group into the {@link LogTail}. AUTOINCREMENT gives the added rows the
     * positions after the head, in insert order; the heads read inside the transaction confirm it
     * (when they do not, the tail is cleared and consumers read the table).
     */
    private void remember(List<Pending> group, long headBefore, long headAfter) {
        int added = 0;
        for (Pending p : group) {
            added += p.added.cardinality();
        }
        if (headAfter - headBefore != added) {
            tail.clear();
            return;
        }
        List<Entry> entries = new ArrayList<>(added);
        List<Integer> sizes = new ArrayList<>(added);
        long seq = headBefore;
        for (Pending p : group) {
            for (int i = p.added.nextSetBit(0); i >= 0; i = p.added.nextSetBit(i + 1)) {
                entries.add(new Entry(++seq, p.events.get(i)));
                sizes.add(p.payloads.get(i).length);
            }
        }
        tail.appended(headBefore, entries, sizes);
    }

    private static long groupBytes(List<Pending> group) {
        long bytes = 0;
        for (Pending p : group) {
            for (byte[] payload : p.payloads) {
                bytes += payload.length;
            }
        }
        return bytes;
    }

    /**
     * Copies what SQLite's write-ahead file holds into the database file (a passive checkpoint: it
     * never waits for readers).
     *
     * <p>SQLite does this by itself in the commit that takes the file past 1,000 pages, which here
     * is the append that batches wait for: the writer then copied every appended page a second
     * time and synced the database file, at the request threads' priority. Appends switch that off
     * on their connection, and the consumers' housekeeping thread calls this every second at the
     * pipeline's lower priority, so during a burst the copying waits with the rest of the pipeline.
     * Should that thread fall behind by more than {@value #CHECKPOINT_BACKLOG} bytes, the writer
     * checkpoints itself, so the write-ahead file stays bounded. Durability is unchanged: a commit
     * is synced in the write-ahead file before the append answers.
     */
    @Override
    public void checkpoint() {
        if (dialect != Dialect.SQLITE) {
            return;
        }
        long before = uncheckpointed.get();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("PRAGMA wal_checkpoint(PASSIVE)");
                ResultSet rs = ps.executeQuery()) {
            // busy, frames in the write-ahead file, frames copied: all copied means nothing is pending
            if (rs.next() && rs.getInt(1) == 0 && rs.getInt(2) == rs.getInt(3)) {
                uncheckpointed.addAndGet(-before);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("telemetry log checkpoint: " + e.getMessage(), e);
        }
    }

    private static long sqliteHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'telemetry_log'), 0)");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** One request's events waiting for (or done with) a group commit; written on {@link #writer}. */
    private static final class Pending {
        final List<CanonicalEvent> events;
        final List<byte[]> payloads;
        final BitSet added;
        /** Completed after the commit (or its failure); completing it publishes the fields. */
        final CompletableFuture<@Nullable Void> done = new CompletableFuture<>();

        /** Typed loosely: only the repository class itself may name JDBC types (ArchitectureTest). */
        @Nullable
        Exception failure;

        Pending(List<CanonicalEvent> events, List<byte[]> payloads) {
            this.events = events;
            this.payloads = payloads;
            this.added = new BitSet(events.size());
        }
    }

    @Override
    public Subscription subscribe(String consumer, int batch) {
        return new JdbcSubscription(this, consumer, batch);
    }

    /** Reads the events after a consumer's committed position (at most {@code max}). */
    public List<Entry> read(String consumer, int max) {
        return readAfter(committed(consumer), max, consumer);
    }

    /** Reads the events after position {@code from} (at most {@code max}) for {@code consumer}. */
    List<Entry> readAfter(long from, int max, String consumer) {
        List<Entry> recent = tail.after(consumer, from, max);
        if (recent != null) {
            return recent;
        }
        List<Entry> entries = new ArrayList<>(Math.min(max, 10_000));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT seq, payload FROM telemetry_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, from);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    byte[] payload = rs.getBytes(2);
                    try {
                        entries.add(new Entry(seq, EventCodec.decode(payload)));
                    } catch (TelemetryException e) {
                        undecodable.increment();
                        LOG.error(
                                "Telemetry log entry {} cannot be decoded and is skipped by consumer '{}': {}",
                                seq,
                                consumer,
                                e.getMessage());
                    }
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the telemetry log: " + e.getMessage(), e);
        }
        return entries;
    }

    /** Records that a consumer has processed everything up to and including {@code seq}. */
    public void commit(String consumer, long seq) {
        update(
                "INSERT INTO telemetry_log_consumers (name, committed_seq, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET committed_seq = excluded.committed_seq,"
                        + " updated_at = excluded.updated_at",
                ps -> {
                    ps.setString(1, consumer);
                    ps.setLong(2, seq);
                    ps.setLong(3, clock.millis());
                });
    }

    /** {@return the consumer's committed position (0 before its first commit)} */
    public long committed(String consumer) {
        return queryLong("SELECT committed_seq FROM telemetry_log_consumers WHERE name = ?", consumer);
    }

    /** {@return the position of the last appended event (0 when none was ever appended)} */
    public long head() {
        // The AUTOINCREMENT high-water mark survives deletion of every row; MAX(seq) would not.
        String sql = dialect == Dialect.SQLITE
                ? "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'telemetry_log'), 0)"
                : "SELECT COALESCE((SELECT last_value FROM telemetry_log_seq_seq WHERE is_called), 0)";
        return queryLong(sql, null);
    }

    @Override
    public int trim(Instant before) {
        long upTo = queryLong("SELECT COALESCE(MIN(committed_seq), 0) FROM telemetry_log_consumers", null);
        int total = 0;
        while (true) {
            int deleted = updateCount(
                    "DELETE FROM telemetry_log WHERE seq IN (SELECT seq FROM telemetry_log"
                            + " WHERE seq <= ? AND appended_at < ? ORDER BY seq LIMIT " + TRIM_CHUNK + ")",
                    ps -> {
                        ps.setLong(1, upTo);
                        ps.setLong(2, before.toEpochMilli());
                    });
            total += deleted;
            if (deleted < TRIM_CHUNK) {
                return total;
            }
        }
    }

    private void update(String sql, PreparedStatementSetter binder) {
        updateCount(sql, binder);
    }

    private int updateCount(String sql, PreparedStatementSetter binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.setValues(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("telemetry log: " + e.getMessage(), e);
        }
    }

    private long queryLong(String sql, @Nullable String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("telemetry log: " + e.getMessage(), e);
        }
    }
}
