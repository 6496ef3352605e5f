/** Windows event XML parser (the form wevtutil, Get-WinEvent and the Event Viewer render). */
@NullMarked
package io.vigil.telemetry.internal.xml;

import org.jspecify.annotations.NullMarked;
