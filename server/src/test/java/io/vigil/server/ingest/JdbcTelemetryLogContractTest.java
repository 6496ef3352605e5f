package io.vigil.server.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link TelemetryLogContract} on the JDBC log: a real SQLite file and a real PostgreSQL schema. */
@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcTelemetryLogContractTest extends TelemetryLogContract {

    private final Dialect dialect;

    @TempDir
    Path dir;

    private final List<TestDatabase> databases = new ArrayList<>();

    JdbcTelemetryLogContractTest(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    TelemetryLog newLog() {
        TestDatabase db = TestDatabase.telemetryLog(dialect, dir); // the log's own file, as the server opens it
        databases.add(db);
        return new JdbcTelemetryLog(
                db.dataSource(),
                db.dialect(),
                new MutableClock(Instant.parse("2026-11-28T00:00:00Z")),
                new SimpleMeterRegistry());
    }

    @Override
    boolean recognisesRetries() {
        return true;
    }

    @AfterEach
    void closeDatabases() {
        databases.forEach(TestDatabase::close);
    }
}
