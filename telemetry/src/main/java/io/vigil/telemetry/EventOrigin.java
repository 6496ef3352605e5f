package io.vigil.telemetry;

/** Where in the monitored system an event came from. */
public sealed interface EventOrigin permits EventOrigin.Windows, EventOrigin.Linux, EventOrigin.Other {

    /**
     * A Windows event log record.
     *
     * @param channel the event log channel, e.g. {@code Microsoft-Windows-Sysmon/Operational}
     * @param provider the provider (publisher) name
     * @param eventId the event id within the provider
     */
    record Windows(String channel, String provider, int eventId) implements EventOrigin {
        /** Validates the origin. */
        public Windows {
            if (eventId < 0 || eventId > 0xFFFF) {
                throw new IllegalArgumentException("Windows event id out of range: " + eventId);
            }
        }
    }

    /**
     * A Linux source.
     *
     * @param source the log source, e.g. {@code auditd}
     * @param recordType the record type that led the event, e.g. {@code SYSCALL} or {@code USER_LOGIN}
     */
    record Linux(String source, String recordType) implements EventOrigin {
        /** Validates the origin. */
        public Linux {
            if (source.isBlank()) {
                throw new IllegalArgumentException("Linux source must not be blank");
            }
        }
    }

    /**
     * Any other source, e.g. an ECS document from a non-Windows Elastic Agent integration.
     *
     * @param source the producing system or module, e.g. {@code ecs:endpoint}
     * @param kind what the record is in that system, e.g. the ECS {@code event.action}
     */
    record Other(String source, String kind) implements EventOrigin {
        /** Validates the origin. */
        public Other {
            if (source.isBlank()) {
                throw new IllegalArgumentException("source must not be blank");
            }
        }
    }
}
