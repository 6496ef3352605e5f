/** Line-oriented reading shared by the text parsers (JSON lines, ECS, auditd). */
@NullMarked
package io.vigil.telemetry.internal.text;

import org.jspecify.annotations.NullMarked;
