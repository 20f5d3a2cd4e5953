package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.workflows.common.Refusals;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowCommandRulesTest {

  private static final String ID = "MW-20261210-1";
  private static final Instant START = Instant.parse("2026-12-10T02:00:00Z");
  private static final Instant END = START.plus(Duration.ofHours(2));
  private static final MaintenanceStatus GOING = MaintenanceStatus.IN_PROGRESS;

  static Stream<Arguments> refusedCommands() {
    return Stream.of(
        Arguments.of(
            "an extension by nobody",
            (Executable)
                () ->
                    WindowCommandRules.extend(
                        new Extension(" ", END.plusSeconds(60), null), START, END, GOING, ID),
            "'by' is required: say who is extending the window"),
        Arguments.of(
            "an extension not past the planned end",
            (Executable)
                () ->
                    WindowCommandRules.extend(
                        new Extension("bob", END, null), START, END, GOING, ID),
            "'until' must be later than the planned end " + END),
        Arguments.of(
            "an extension beyond the longest window",
            (Executable)
                () ->
                    WindowCommandRules.extend(
                        new Extension(
                            "bob", START.plus(MaintenanceLimits.MAX_LENGTH).plusSeconds(1), null),
                        START,
                        END,
                        GOING,
                        ID),
            "'until' "
                + START.plus(MaintenanceLimits.MAX_LENGTH).plusSeconds(1)
                + " would make the window last more than "
                + MaintenanceLimits.MAX_LENGTH.toDays()
                + " days"),
        Arguments.of(
            "an extension of a window that ended",
            (Executable)
                () ->
                    WindowCommandRules.extend(
                        new Extension("bob", END.plusSeconds(60), null),
                        START,
                        END,
                        MaintenanceStatus.COMPLETED,
                        ID),
            ID + " has already ended (COMPLETED)"),
        Arguments.of(
            "a second abort",
            (Executable)
                () ->
                    WindowCommandRules.abort(
                        new Abort("bob", "oops"), new Abort("alice", "smoke"), GOING, ID),
            ID + " is already being aborted by alice"),
        Arguments.of(
            "an abort by nobody",
            (Executable) () -> WindowCommandRules.abort(null, null, GOING, ID),
            "'by' is required: say who is aborting the window"),
        Arguments.of(
            "a confirmation while no step waits",
            (Executable)
                () ->
                    WindowCommandRules.confirmStep(
                        new StepConfirmation("bob", null, false, null), null, false, GOING, ID),
            ID + " is not waiting for a manual step (it is IN_PROGRESS)"),
        Arguments.of(
            "a second confirmation of the same step",
            (Executable)
                () ->
                    WindowCommandRules.confirmStep(
                        new StepConfirmation("bob", null, false, null),
                        "swap-disks",
                        true,
                        GOING,
                        ID),
            ID + " is not waiting for a manual step (it is IN_PROGRESS)"),
        Arguments.of(
            "a confirmation of another step",
            (Executable)
                () ->
                    WindowCommandRules.confirmStep(
                        new StepConfirmation("bob", "reboot", false, null),
                        "swap-disks",
                        false,
                        GOING,
                        ID),
            ID + " is waiting for 'swap-disks', not 'reboot'"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("refusedCommands")
  void aCommandThatDoesNotFitTheWindowIsRefusedAsAnInvalidTransitionSayingWhy(
      String what, Executable command, String message) {
    ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class, command::execute);

    assertThat(refused.getType()).isEqualTo(Refusals.INVALID_TRANSITION);
    assertThat(refused.getOriginalMessage()).isEqualTo(message);
  }

  @Test
  void commandsThatFitTheWindowAreTaken() {
    assertThatCode(
            () -> {
              WindowCommandRules.extend(
                  new Extension("bob", END.plusSeconds(60), null), START, END, GOING, ID);
              WindowCommandRules.abort(new Abort("bob", null), null, GOING, ID);
              WindowCommandRules.confirmStep(
                  new StepConfirmation("bob", "", false, null), "swap-disks", false, GOING, ID);
              WindowCommandRules.confirmStep(
                  new StepConfirmation("bob", "swap-disks", true, null),
                  "swap-disks",
                  false,
                  GOING,
                  ID);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void anAbortWithoutAReasonSaysSo() {
    assertThat(WindowCommandRules.accepted(new Abort("bob", " ")).reason())
        .isEqualTo("no reason given");
    assertThat(WindowCommandRules.accepted(new Abort("bob", "smoke")).reason()).isEqualTo("smoke");
  }
}
