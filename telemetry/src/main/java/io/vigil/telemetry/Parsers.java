package io.vigil.telemetry;

import io.vigil.telemetry.internal.evtx.EvtxParser;
import io.vigil.telemetry.internal.json.EvtxJsonParser;

/** Obtains the parser for a format. Parsers are stateless and thread-safe. */
public final class Parsers {
    private Parsers() {}

    /**
     * Returns the parser for a format.
     *
     * @param format the input format
     * @return its parser
     */
    public static EventParser forFormat(SourceFormat format) {
        return switch (format) {
            case EVTX -> new EvtxParser();
            case EVTX_JSON -> new EvtxJsonParser();
            case WINDOWS_XML, JSON_LINES, ECS, AUDITD -> throw new UnsupportedOperationException("not yet: " + format);
        };
    }
}
