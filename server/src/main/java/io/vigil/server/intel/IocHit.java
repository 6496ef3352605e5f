package io.vigil.server.intel;

/**
 * An IoC found in an event.
 *
 * @param ioc the indicator that matched
 * @param field the event field it was found in (e.g. {@code Hashes}, {@code QueryName})
 * @param value the part of the field's value that matched (a hash, an address, a domain, a URL)
 */
public record IocHit(Ioc ioc, String field, String value) {}
