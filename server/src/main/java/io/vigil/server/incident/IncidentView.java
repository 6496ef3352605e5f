package io.vigil.server.incident;

/**
 * An incident as one reader sees it: with their read mark and its SLA clock now.
 *
 * @param incident the incident
 * @param wasRead whether this reader has read it since its last change
 * @param sla the SLA clock
 */
public record IncidentView(Incident incident, boolean wasRead, SlaClock sla) {}
