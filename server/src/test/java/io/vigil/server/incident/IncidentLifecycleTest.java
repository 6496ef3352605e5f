package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.ValidationException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class IncidentLifecycleTest {

    @Test
    void shouldAllowExactlyTheDocumentedMoves() {
        int allowed = 0;
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                boolean expected = switch (from) {
                    case OPEN ->
                        EnumSet.of(Status.ON_HOLD, Status.RESOLVED, Status.CLOSED)
                                .contains(to);
                    case ON_HOLD ->
                        EnumSet.of(Status.OPEN, Status.RESOLVED, Status.CLOSED).contains(to);
                    case RESOLVED -> EnumSet.of(Status.OPEN, Status.CLOSED).contains(to);
                    case CLOSED -> false;
                };
                boolean ok;
                try {
                    IncidentLifecycle.check(from, to, null, Resolution.TRUE_POSITIVE);
                    ok = true;
                } catch (ConflictException e) {
                    ok = false;
                } catch (ValidationException e) {
                    ok = true; // allowed move, only the resolution was wrong for it
                }
                assertThat(ok).as(from + " -> " + to).isEqualTo(expected);
                if (ok) {
                    allowed++;
                }
            }
        }
        assertThat(allowed).isEqualTo(8);
    }

    @Test
    void shouldRequireAResolutionToResolveOrClose() {
        assertThatThrownBy(() -> IncidentLifecycle.check(Status.OPEN, Status.CLOSED, null, null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("resolution")
                .hasMessageContaining("TRUE_POSITIVE");
        assertThatThrownBy(() -> IncidentLifecycle.check(Status.ON_HOLD, Status.RESOLVED, null, null))
                .isInstanceOf(ValidationException.class);
        assertThat(IncidentLifecycle.check(Status.OPEN, Status.CLOSED, null, Resolution.FALSE_POSITIVE))
                .isEqualTo(Resolution.FALSE_POSITIVE);
    }

    @Test
    void shouldKeepTheResolutionOfAResolvedIncidentWhenItCloses() {
        assertThat(IncidentLifecycle.check(Status.RESOLVED, Status.CLOSED, Resolution.TRUE_POSITIVE, null))
                .isEqualTo(Resolution.TRUE_POSITIVE);
    }

    @Test
    void shouldClearTheResolutionOnReopenAndRefuseOneThere() {
        assertThat(IncidentLifecycle.check(Status.RESOLVED, Status.OPEN, Resolution.TRUE_POSITIVE, null))
                .isNull();
        assertThatThrownBy(() -> IncidentLifecycle.check(Status.RESOLVED, Status.OPEN, null, Resolution.TRUE_POSITIVE))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void shouldExplainThatClosedIsFinalAndThatASameStateMoveIsAConflict() {
        assertThatThrownBy(() -> IncidentLifecycle.check(Status.CLOSED, Status.OPEN, Resolution.TRUE_POSITIVE, null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("Closed is final");
        assertThatThrownBy(() -> IncidentLifecycle.check(Status.OPEN, Status.OPEN, null, null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already Open");
        assertThatThrownBy(() -> IncidentLifecycle.check(Status.RESOLVED, Status.ON_HOLD, null, null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("Open, Closed");
    }

    @Test
    void shouldParseApiSpellingsOfStatusPriorityAndResolution() {
        assertThat(Status.parse("On hold")).isEqualTo(Status.ON_HOLD);
        assertThat(Status.parse("on_hold")).isEqualTo(Status.ON_HOLD);
        assertThat(Priority.parse("Medium")).isEqualTo(Priority.NORMAL);
        assertThat(Resolution.parse("False positive")).isEqualTo(Resolution.FALSE_POSITIVE);
        assertThatThrownBy(() -> Status.parse("New<script>")).isInstanceOf(ValidationException.class);
    }
}
