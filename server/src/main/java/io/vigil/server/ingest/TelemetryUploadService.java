package io.vigil.server.ingest;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.DataProperties;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.tenant.TenantService;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Offline telemetry files (EVTX, evtx_dump JSON, event XML, JSON lines, ECS, auditd) uploaded by an
 * analyst or a tenant admin: spooled to a temporary file within the size limit, its format detected
 * (or given), parsed and appended like any batch.
 */
@Service
public class TelemetryUploadService {

    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}/\\\\]{1,200}");

    private final IngestService ingest;
    private final TenantService tenants;
    private final IngestProperties properties;
    private final DataProperties data;
    private final AuditLog audit;
    private final Clock clock;

    TelemetryUploadService(
            IngestService ingest,
            TenantService tenants,
            IngestProperties properties,
            DataProperties data,
            AuditLog audit,
            Clock clock) {
        this.ingest = ingest;
        this.tenants = tenants;
        this.properties = properties;
        this.data = data;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores the events of an uploaded file.
     *
     * @param format the format, or {@code null} to detect it from the first bytes
     * @param asset the asset, or {@code null} to take each record's host name
     */
    public IngestReport upload(
            Actor actor,
            TenantId tenant,
            String fileName,
            @Nullable String format,
            @Nullable String asset,
            HttpServletRequest request)
            throws IOException {
        tenants.get(actor, tenant); // 404 before anything else when the tenant is not visible
        if (actor.role() == Role.TENANT_VIEWER) {
            throw new ForbiddenException("Your role (" + actor.role().label() + ") cannot upload telemetry.");
        }
        if (!NAME.matcher(fileName).matches()) {
            throw new ValidationException("name", "The file name: 1-200 characters, no '/' or '\\'.");
        }
        if (asset != null && !ASSET.matcher(asset).matches()) {
            throw new ValidationException("asset", "A host name: letters, digits, '.', '-' or '_'.");
        }
        Optional<SourceFormat> given = Optional.empty();
        if (format != null && !format.isBlank()) {
            try {
                given = Optional.of(SourceFormat.valueOf(format.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        "format",
                        "One of " + java.util.Arrays.toString(SourceFormat.values()) + ", or none to detect.");
            }
        }
        Path file = Bodies.spool(request, properties.maxFileSize(), data.dir().resolve("uploads"));
        try {
            SourceFormat detected = given.orElseGet(() -> detect(file));
            IngestReport report;
            try (InputStream in = Files.newInputStream(file)) {
                report = ingest.ingest(
                        new IngestCredential.Upload(
                                tenant, asset == null ? null : asset.toLowerCase(Locale.ROOT), actor.name()),
                        detected,
                        in,
                        fileName);
            }
            audit.record(AuditEntry.by(
                    actor,
                    clock.instant(),
                    tenant,
                    "telemetry.uploaded",
                    fileName,
                    detected + ": " + report.accepted() + " events stored, " + report.duplicates() + " already stored, "
                            + report.rejected() + " unreadable",
                    request.getRemoteAddr()));
            return report;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static SourceFormat detect(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (head.length == 0) {
            throw new ValidationException("file", "The file is empty.");
        }
        return Parsers.detect(head)
                .orElseThrow(() -> new ValidationException(
                        "format",
                        "Vigil cannot tell this file's format from its first bytes; give ?format= (EVTX, EVTX_JSON,"
                                + " WINDOWS_XML, JSON_LINES, ECS, AUDITD, AGENT_NDJSON, OTLP_JSON)."));
    }
}
