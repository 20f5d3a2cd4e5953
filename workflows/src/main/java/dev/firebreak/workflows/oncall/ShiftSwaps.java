package dev.firebreak.workflows.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes a swap acceptable and which two overrides it becomes, shared by the schedule
 * workflow's update validator and handler (which see the overrides of the moment, so the swap is
 * checked and applied against the same state) and the API (which refuses bad input before asking).
 */
public final class ShiftSwaps {

  /** How far ahead a swap may reach: as far as a span of shifts can be listed. */
  public static final Duration MAX_AHEAD = OverrideRules.MAX_SPAN;

  private ShiftSwaps() {}

  /** Why the swap's input cannot be accepted at {@code now}, whatever the schedule says. */
  public static Optional<String> inputProblem(ShiftSwap swap, Instant now) {
    if (swap == null || swap.aAt() == null || swap.bAt() == null) {
      return Optional.of("a swap needs both people's shift times");
    }
    if (!named(swap.a()) || !named(swap.b())) {
      return Optional.of("a swap needs both people");
    }
    if (samePerson(swap.a(), swap.b())) {
      return Optional.of("a swap needs two different people");
    }
    Instant limit = now.plus(MAX_AHEAD);
    if (swap.aAt().isAfter(limit) || swap.bAt().isAfter(limit)) {
      return Optional.of("a swapped shift must be at most 90 days ahead");
    }
    return Optional.empty();
  }

  /** Why {@code calculator}'s schedule cannot take the swap at {@code now}, or empty. */
  public static Optional<String> problem(OnCallCalculator calculator, ShiftSwap swap, Instant now) {
    Optional<String> input = inputProblem(swap, now);
    if (input.isPresent()) {
      return input;
    }
    OnCallShift shiftA = shiftAt(calculator, swap.aAt(), now);
    OnCallShift shiftB = shiftAt(calculator, swap.bAt(), now);
    if (shiftA == null || shiftB == null) {
      return Optional.of("a shift with no end in sight cannot be swapped");
    }
    if (!shiftA.to().isAfter(now) || !shiftB.to().isAfter(now)) {
      return Optional.of("a shift that is already over cannot be swapped");
    }
    if (shiftA.from().equals(shiftB.from())) {
      return Optional.of("both times are in the same shift");
    }
    Optional<String> notOnCall =
        notOnCall(swap.a(), swap.aAt(), shiftA).or(() -> notOnCall(swap.b(), swap.bAt(), shiftB));
    if (notOnCall.isPresent()) {
      return notOnCall;
    }
    for (ScheduleOverride override : overrides(shiftA, shiftB, swap, now).overrides()) {
      Optional<String> span = OverrideRules.problem(override, now);
      if (span.isPresent()) {
        return span;
      }
    }
    return Optional.empty();
  }

  /**
   * The two overrides the swap becomes: {@code b} on call for {@code a}'s shift, then {@code a} for
   * {@code b}'s; a shift already running is taken over from {@code now}. Call only after {@link
   * #problem} found none.
   */
  public static SwappedShifts overrides(OnCallCalculator calculator, ShiftSwap swap, Instant now) {
    return overrides(
        shiftAt(calculator, swap.aAt(), now), shiftAt(calculator, swap.bAt(), now), swap, now);
  }

  private static SwappedShifts overrides(
      OnCallShift shiftA, OnCallShift shiftB, ShiftSwap swap, Instant now) {
    return new SwappedShifts(
        new ScheduleOverride(shiftB.person(), later(shiftA.from(), now), shiftA.to(), swap.by()),
        new ScheduleOverride(shiftA.person(), later(shiftB.from(), now), shiftB.to(), swap.by()));
  }

  /**
   * The whole shift that contains {@code at} (not clipped to {@code at}), or null when it does not
   * end within the calculator's horizon. Its start is looked for at most {@link #MAX_AHEAD} before
   * {@code at}, which only matters for a shift that began before {@code now} anyway.
   */
  private static OnCallShift shiftAt(OnCallCalculator calculator, Instant at, Instant now) {
    OnCallAnswer answer = calculator.at(at);
    if (answer.shiftEnds() == null) {
      return null;
    }
    List<OnCallShift> before = calculator.shifts(at.minus(MAX_AHEAD), at.plusMillis(1));
    Instant from = before.get(before.size() - 1).from();
    return new OnCallShift(answer.person(), from, answer.shiftEnds(), answer.source());
  }

  private static Optional<String> notOnCall(OnCallPerson person, Instant at, OnCallShift shift) {
    if (samePerson(person, shift.person())) {
      return Optional.empty();
    }
    String who = shift.person() == null ? "nobody" : shift.person().name();
    return Optional.of(person.name() + " is not on call at " + at + " (" + who + " is)");
  }

  /** The same participant: by Slack user id when both have one, else by name. */
  static boolean samePerson(OnCallPerson x, OnCallPerson y) {
    if (x == null || y == null) {
      return false;
    }
    if (x.slackUserId() != null && y.slackUserId() != null) {
      return x.slackUserId().equals(y.slackUserId());
    }
    return Objects.equals(x.name(), y.name());
  }

  private static boolean named(OnCallPerson person) {
    return person != null && person.name() != null && !person.name().isBlank();
  }

  private static Instant later(Instant x, Instant y) {
    return x.isAfter(y) ? x : y;
  }
}
