package io.vigil.server.detection;

/**
 * One reason an alert fired, for the analyst: the rule's selection, the field, the rule's value and
 * the event's value that matched it.
 */
public record AlertEvidence(String selection, String field, String ruleValue, String eventValue) {}
