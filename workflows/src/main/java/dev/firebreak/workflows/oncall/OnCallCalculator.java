package dev.firebreak.workflows.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who a schedule puts on call, computed from its layers and overrides alone: no clock and no I/O,
 * so workflows, the API and {@code config check} all get the same answer for the same instant.
 */
public final class OnCallCalculator {

  /**
   * The longest span the calculator walks: a shift that has not ended after this long is reported
   * as ending here, so a single-person schedule does not loop forever.
   */
  public static final Duration HORIZON = Duration.ofDays(400);

  // A span of a few hundred days has at most a few thousand changes; this only stops a bad spec.
  private static final int MAX_STEPS = 200_000;

  private final ScheduleSpec spec;
  private final ZoneId zone;
  private final List<ScheduleOverride> overrides;

  public OnCallCalculator(ScheduleSpec spec, List<ScheduleOverride> overrides) {
    this.spec = spec;
    this.zone = ZoneId.of(spec.timeZone());
    this.overrides = List.copyOf(overrides);
  }

  /** Who is on call at {@code at}, why, and until when. */
  public OnCallAnswer at(Instant at) {
    OnCallShift now = stepAt(at);
    Instant end = next(at);
    Instant limit = at.plus(HORIZON);
    int steps = 0;
    while (end.isBefore(limit) && steps++ < MAX_STEPS) {
      if (!Objects.equals(stepAt(end).person(), now.person())) {
        break;
      }
      end = next(end);
    }
    boolean endless = !end.isBefore(limit);
    return new OnCallAnswer(spec.name(), at, now.person(), now.source(), endless ? null : end);
  }

  /**
   * The shifts between {@code from} and {@code to}, clipped to that span, consecutive stretches of
   * the same person merged into one; coverage gaps appear as shifts with a null person.
   */
  public List<OnCallShift> shifts(Instant from, Instant to) {
    List<OnCallShift> shifts = new ArrayList<>();
    Instant t = from;
    int steps = 0;
    while (t.isBefore(to) && steps++ < MAX_STEPS) {
      OnCallShift step = stepAt(t);
      Instant end = next(t);
      end = end.isAfter(to) ? to : end;
      OnCallShift last = shifts.isEmpty() ? null : shifts.get(shifts.size() - 1);
      if (last != null && Objects.equals(last.person(), step.person())) {
        shifts.set(
            shifts.size() - 1, new OnCallShift(last.person(), last.from(), end, last.source()));
      } else {
        shifts.add(new OnCallShift(step.person(), t, end, step.source()));
      }
      t = end;
    }
    return shifts;
  }

  /** The stretches between {@code from} and {@code to} in which nobody is on call. */
  public List<OnCallShift> gaps(Instant from, Instant to) {
    return shifts(from, to).stream().filter(s -> s.person() == null).toList();
  }

  /** The person and source at {@code t}; the span of the returned shift is only {@code t}. */
  private OnCallShift stepAt(Instant t) {
    // The newest override wins where two overlap: it is the later decision.
    for (int i = overrides.size() - 1; i >= 0; i--) {
      ScheduleOverride override = overrides.get(i);
      if (!t.isBefore(override.from()) && t.isBefore(override.to())) {
        return new OnCallShift(override.person(), t, t, "override by " + override.by());
      }
    }
    for (int i = spec.layers().size() - 1; i >= 0; i--) {
      RotationLayer layer = spec.layers().get(i);
      OnCallPerson person = personOf(layer, t);
      if (person != null) {
        return new OnCallShift(
            person, t, t, "layer " + layer.name() + " (" + layer.turn().label() + ")");
      }
    }
    return new OnCallShift(null, t, t, "nobody");
  }

  private OnCallPerson personOf(RotationLayer layer, Instant t) {
    long turn = turnIndex(layer, t);
    if (turn < 0) {
      return null;
    }
    if (!layer.restrictions().isEmpty()) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      if (layer.restrictions().stream().noneMatch(r -> r.covers(local))) {
        return null;
      }
    }
    return layer.participants().get(Math.floorMod(turn, layer.participants().size()));
  }

  /** The index of the turn {@code t} falls in: 0 from the layer's start, negative before it. */
  private long turnIndex(RotationLayer layer, Instant t) {
    Instant anchor = handoff(layer, 0);
    if (t.isBefore(anchor)) {
      return -1;
    }
    TurnLength turn = layer.turn();
    if (turn.fixed() != null) {
      return Duration.between(anchor, t).dividedBy(turn.fixed());
    }
    LocalDate day = LocalDateTime.ofInstant(t, zone).toLocalDate();
    long k = Math.floorDiv(ChronoUnit.DAYS.between(layer.start(), day), turn.days());
    // Before the handoff time on a handoff day, the previous turn still runs.
    return t.isBefore(handoff(layer, k)) ? k - 1 : k;
  }

  /** When turn {@code k} of the layer starts. */
  private Instant handoff(RotationLayer layer, long k) {
    TurnLength turn = layer.turn();
    if (turn.fixed() != null) {
      Instant anchor = ZonedDateTime.of(layer.start(), layer.handoff(), zone).toInstant();
      return anchor.plus(turn.fixed().multipliedBy(k));
    }
    // ZonedDateTime moves a handoff inside a spring-forward gap to just after it.
    return ZonedDateTime.of(layer.start().plusDays(k * turn.days()), layer.handoff(), zone)
        .toInstant();
  }

  /** The first instant after {@code t} at which the answer may change. */
  private Instant next(Instant t) {
    Instant next = t.plus(HORIZON);
    for (ScheduleOverride override : overrides) {
      next = earliestAfter(t, next, override.from());
      next = earliestAfter(t, next, override.to());
    }
    for (RotationLayer layer : spec.layers()) {
      long turn = turnIndex(layer, t);
      next = earliestAfter(t, next, handoff(layer, Math.max(turn + 1, 0)));
      next = nextRestrictionEdge(layer, t, next);
    }
    return next;
  }

  private Instant nextRestrictionEdge(RotationLayer layer, Instant t, Instant next) {
    LocalDate today = LocalDateTime.ofInstant(t, zone).toLocalDate();
    for (LayerRestriction restriction : layer.restrictions()) {
      // Every edge of a weekly restriction recurs within eight days.
      for (int d = -1; d <= 8; d++) {
        LocalDate day = today.plusDays(d);
        if (restriction.days().contains(day.getDayOfWeek())) {
          next =
              earliestAfter(t, next, ZonedDateTime.of(day, restriction.from(), zone).toInstant());
          LocalDate endDay = restriction.from().isBefore(restriction.to()) ? day : day.plusDays(1);
          next =
              earliestAfter(t, next, ZonedDateTime.of(endDay, restriction.to(), zone).toInstant());
        }
      }
    }
    return next;
  }

  private static Instant earliestAfter(Instant t, Instant current, Instant candidate) {
    return candidate.isAfter(t) && candidate.isBefore(current) ? candidate : current;
  }
}
