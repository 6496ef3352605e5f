package io.vigil.telemetry.internal.auditd;

import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.mapping.FieldMappings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Joins the records of one audit event (same time stamp and serial) into a canonical event. Raw
 * audit keys are kept (the leading record's unprefixed, later conflicting ones prefixed with their
 * type, PATH items as {@code PATH<n>_<key>}), and Sigma names are added: {@code Image}, {@code
 * CommandLine}, {@code ProcessId}, {@code ParentProcessId}, {@code User}, {@code LogonId}, {@code
 * CurrentDirectory}, {@code TargetFilename}, {@code DestinationIp}/{@code DestinationPort}. The
 * {@code EventCategory} field says what it is: process_creation, file_event, file_delete,
 * network_connection, authentication, or other.
 */
final class AuditEvents {
    private static final Set<String> AUTH_TYPES = Set.of(
            "USER_AUTH",
            "USER_LOGIN",
            "USER_LOGOUT",
            "USER_START",
            "USER_END",
            "USER_ACCT",
            "USER_ERR",
            "CRED_ACQ",
            "CRED_DISP",
            "CRED_REFR",
            "ANOM_LOGIN_FAILURES");
    private static final Set<String> FILE_SYSCALLS =
            Set.of("open", "openat", "creat", "rename", "renameat", "renameat2");
    private static final Set<String> DELETE_SYSCALLS = Set.of("unlink", "unlinkat");

    private AuditEvents() {}

    static CanonicalEvent toCanonical(List<AuditRecord> records, ParseContext context) {
        AuditRecord lead = records.getFirst();
        Joined joined = new Joined(lead);
        records.forEach(joined::add);
        Map<String, String> fields = joined.fields;
        AuditRecord execve = joined.execve;
        if (execve != null) {
            for (int i = 0; i < 4; i++) {
                String syscallArg = fields.remove("a" + i);
                if (syscallArg != null) {
                    fields.put("SYSCALL_a" + i, syscallArg);
                }
            }
        }
        String commandLine = execve == null ? joined.proctitle : AuditValues.joinExecve(execve, fields);
        Map<String, String> syscall = joined.syscall;
        String syscallName = FieldMappings.defaults()
                .syscallName(syscall.getOrDefault("arch", ""), syscall.getOrDefault("syscall", ""));
        if (syscallName != null) {
            fields.put("SyscallName", syscallName);
        }
        String category = category(lead, syscallName, execve, joined.created, joined.deleted, fields);
        String file = joined.created.isEmpty() ? joined.deleted : joined.created;
        addSigmaNames(fields, syscall, commandLine, joined.cwd, file);
        fields.put("EventCategory", category);
        fields.put("AuditRecordTypes", String.join(",", joined.types));
        return envelope(lead, fields, category, joined.raw.toString(), context);
    }

    /** The records of one event, folded into raw audit fields and the parts the Sigma names need. */
    private static final class Joined {
        private final AuditRecord lead;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final StringJoiner raw = new StringJoiner("\n");
        private Map<String, String> syscall = Map.of();
        private @Nullable AuditRecord execve;
        private String cwd = "";
        private String proctitle = "";
        private String created = "";
        private String deleted = "";
        private int pathItem;
        private final Set<String> types = new LinkedHashSet<>();

        Joined(AuditRecord lead) {
            this.lead = lead;
            fields.put("type", lead.type());
        }

        void add(AuditRecord record) {
            raw.add(record.line());
            types.add(record.type());
            switch (record.type()) {
                case "SYSCALL" -> syscall = record.values();
                case "EXECVE" -> execve = record;
                case "CWD" -> cwd = record.text("cwd");
                case "PROCTITLE" -> proctitle = record.text("proctitle");
                case "SOCKADDR" -> AuditValues.addSocketAddress(record.values().getOrDefault("saddr", ""), fields);
                default -> {}
            }
            if (record.type().equals("PATH")) {
                addPath(record);
            } else if (!record.type().equals("EXECVE")) {
                boolean leading = record.lineNumber() == lead.lineNumber();
                record.values().keySet().forEach(k -> {
                    String name = leading || !fields.containsKey(k) ? k : record.type() + "_" + k;
                    fields.putIfAbsent(name, record.text(k));
                });
            }
        }

        private void addPath(AuditRecord record) {
            String item = record.values().getOrDefault("item", Integer.toString(pathItem));
            pathItem++;
            record.values().keySet().forEach(k -> fields.put("PATH" + item + "_" + k, record.text(k)));
            String name = record.text("name");
            switch (record.values().getOrDefault("nametype", "")) {
                case "CREATE" -> created = name;
                case "DELETE" -> deleted = name;
                default -> {}
            }
        }
    }

    private static String category(
            AuditRecord lead,
            @Nullable String syscallName,
            @Nullable AuditRecord execve,
            String created,
            String deleted,
            Map<String, String> fields) {
        if (AUTH_TYPES.contains(lead.type())) {
            return "authentication";
        }
        if (execve != null || "execve".equals(syscallName) || "execveat".equals(syscallName)) {
            return "process_creation";
        }
        if ("connect".equals(syscallName) && fields.containsKey("DestinationIp")) {
            return "network_connection";
        }
        if (!deleted.isEmpty() && DELETE_SYSCALLS.contains(syscallName)) {
            return "file_delete";
        }
        if (!created.isEmpty() && (syscallName == null || FILE_SYSCALLS.contains(syscallName))) {
            return "file_event";
        }
        return "other";
    }

    private static void addSigmaNames(
            Map<String, String> fields, Map<String, String> syscall, String commandLine, String cwd, String file) {
        putIfPresent(fields, "Image", fields.getOrDefault("exe", ""));
        putIfPresent(fields, "CommandLine", commandLine);
        putIfPresent(fields, "ProcessId", syscall.getOrDefault("pid", ""));
        putIfPresent(fields, "ParentProcessId", syscall.getOrDefault("ppid", ""));
        putIfPresent(fields, "User", fields.getOrDefault("acct", syscall.getOrDefault("uid", "")));
        putIfPresent(fields, "LogonId", fields.getOrDefault("ses", ""));
        putIfPresent(fields, "CurrentDirectory", cwd);
        putIfPresent(fields, "TargetFilename", file);
        putIfPresent(
                fields, "SourceIp", fields.getOrDefault("addr", "").equals("?") ? "" : fields.getOrDefault("addr", ""));
    }

    private static CanonicalEvent envelope(
            AuditRecord lead, Map<String, String> fields, String category, String raw, ParseContext context) {
        String node = lead.node().isEmpty() ? fields.getOrDefault("hostname", "") : lead.node();
        AssetId asset = context.asset() != null
                ? context.asset()
                : new AssetId(lead.node().isEmpty() ? "unknown" : lead.node());
        Instant time = toInstant(lead.timestamp());
        EventEnvelope envelope = new EventEnvelope(
                context.tenant(),
                asset,
                EventId.derive(context.tenant(), List.of("auditd", node, lead.timestamp(), lead.serial())),
                time,
                context.clock().instant(),
                SourceFormat.AUDITD,
                new EventOrigin.Linux("auditd", lead.type()),
                category.equals("authentication") || category.equals("other") ? null : category);
        return new CanonicalEvent(envelope, fields, raw);
    }

    private static Instant toInstant(String timestamp) {
        BigDecimal seconds = new BigDecimal(timestamp);
        long whole = seconds.longValue();
        long nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
