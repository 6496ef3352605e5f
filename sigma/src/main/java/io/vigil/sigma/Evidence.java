package io.vigil.sigma;

/**
 * Why a rule matched: one selection value that matched the event.
 *
 * @param selection the search identifier (e.g. {@code selection_img})
 * @param field the event field tested ({@code ""} for keyword searches)
 * @param ruleValue the rule's value with its comparison, e.g. {@code endswith '\cmd.exe'}
 * @param eventValue the event's value that matched
 */
public record Evidence(String selection, String field, String ruleValue, String eventValue) {}
