package io.vigil.server.triage;

import io.vigil.server.platform.VigilException;

/** Promote or merge was asked for, but no incident service is running (HTTP 503). */
public class IncidentSinkMissingException extends VigilException {
    public IncidentSinkMissingException() {
        super("Incidents are not available on this server yet (no incident service is running), so candidates"
                + " cannot be promoted or merged; they stay in the queue.");
    }
}
