package io.vigil.server.incident;

/**
 * An indicator of compromise named in an incident.
 *
 * @param type e.g. {@code sha256}, {@code ip}, {@code domain}, {@code file_path}
 * @param value the indicator
 * @param context where it was seen or why it matters
 */
public record IncidentIoc(String type, String value, String context) {}
