package io.vigil.server.incident;

/** Who created an incident, comment or attachment: the SOC service or the customer. */
public enum Origin {
    SERVICE,
    CUSTOMER
}
