/** Linux auditd log parser: records joined by event serial into process, file, network and login events. */
@NullMarked
package io.vigil.telemetry.internal.auditd;

import org.jspecify.annotations.NullMarked;
