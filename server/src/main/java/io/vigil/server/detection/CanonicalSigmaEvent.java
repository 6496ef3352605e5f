package io.vigil.server.detection;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.SigmaEvent;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Lets the Sigma engine read a canonical telemetry event: fields are already under Sigma names, and
 * the envelope tells the log source the event declares (so that the engine routes rules by it).
 */
public record CanonicalSigmaEvent(CanonicalEvent event) implements SigmaEvent {

    /**
     * The log source the event declares: product {@code windows} for Windows event log records,
     * {@code linux} with the source as service (e.g. {@code auditd}) for Linux records, the host's
     * operating system for Vigil agent events, no product for other sources; the Sigma category
     * when the parser knew it.
     */
    @Override
    public LogSource logSource() {
        String category = event.envelope().sigmaCategory();
        return switch (event.envelope().origin()) {
            case EventOrigin.Windows w -> new LogSource("windows", category, null);
            case EventOrigin.Linux l -> new LogSource("linux", category, l.source());
            case EventOrigin.Other o -> new LogSource(agentProduct(o), category, null);
        };
    }

    /**
     * Vigil's agent says which operating system it runs on ({@code HostOs}, from the batch header),
     * so its process, file, network and registry events meet the rules written for that product.
     */
    private @Nullable String agentProduct(EventOrigin.Other origin) {
        if (!origin.source().equals("vigil-agent")) {
            return null;
        }
        String os = event.fields().get("HostOs");
        return os != null && (os.equals("windows") || os.equals("linux") || os.equals("macos")) ? os : null;
    }

    @Override
    public boolean has(String field) {
        return event.fields().containsKey(field) || (auditd() && auditRecordValues(field) != null);
    }

    @Override
    public @Nullable Object get(String field) {
        if (auditd()) {
            Object joined = auditRecordValues(field);
            if (joined != null) {
                return joined;
            }
        }
        return event.fields().get(field);
    }

    private boolean auditd() {
        return event.envelope().origin() instanceof EventOrigin.Linux l
                && l.source().equals("auditd");
    }

    /**
     * An auditd event joins the records of one serial (SYSCALL, EXECVE, CWD, PATH, …), while Sigma's
     * auditd rules test one record at a time ({@code type: EXECVE} with {@code a0}, {@code type: PATH}
     * with {@code name}). So {@code type} is every record type the event holds, and a field only PATH
     * records have ({@code name}, {@code nametype}, {@code mode}, …) is the list of the PATH items'
     * values; a rule about any one record of the event then meets it.
     */
    private @Nullable Object auditRecordValues(String field) {
        if (field.equals("type")) {
            String types = event.fields().get("AuditRecordTypes");
            return types == null ? null : List.of(types.split(","));
        }
        if (event.fields().containsKey(field)) {
            return null;
        }
        List<String> values = null;
        for (int item = 0; item < 64; item++) {
            String v = event.fields().get("PATH" + item + "_" + field);
            if (v == null) {
                break;
            }
            if (values == null) {
                values = new ArrayList<>(2);
            }
            values.add(v);
        }
        return values;
    }

    @Override
    public void forEachValue(Consumer<Object> visitor) {
        event.fields().values().forEach(visitor);
    }
}
