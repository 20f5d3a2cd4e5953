package dev.firebreak.starter.config;

import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.oncall.OnCallCalculator;
import dev.firebreak.workflows.oncall.OnCallShift;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What {@code config check} says about on-call schedules that load but will let a page fall
 * through: hours in the next two weeks with nobody on call, and people a page cannot reach.
 */
final class OnCallWarnings {

  static final Duration LOOK_AHEAD = Duration.ofDays(14);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

  private final Clock clock;

  OnCallWarnings(Clock clock) {
    this.clock = clock;
  }

  /** Call only on a config with no problems: it builds the schedules. */
  void check(FirebreakConfig config, BiConsumer<String, String> warn) {
    Instant now = clock.instant();
    List<OnCallConfig.Schedule> schedules = config.oncall().schedules();
    for (int i = 0; i < schedules.size(); i++) {
      OnCallConfig.Schedule schedule = schedules.get(i);
      String path = "oncall.schedules[" + i + "]";
      List<OnCallShift> gaps =
          new OnCallCalculator(OnCallSpecs.schedule(schedule), List.of())
              .gaps(now, now.plus(LOOK_AHEAD));
      if (!gaps.isEmpty()) {
        ZoneId zone = ZoneId.of(schedule.timeZone());
        OnCallShift first = gaps.get(0);
        warn.accept(
            path,
            "nobody is on call for "
                + gaps.size()
                + " stretch(es) in the next 14 days, the first from "
                + WHEN.format(first.from().atZone(zone))
                + " for "
                + HumanDuration.of(Duration.between(first.from(), first.to()))
                + " ("
                + schedule.timeZone()
                + "): a page then reaches nobody on this schedule");
      }
      for (int l = 0; l < schedule.layers().size(); l++) {
        List<OnCallConfig.Participant> participants = schedule.layers().get(l).participants();
        for (int p = 0; p < participants.size(); p++) {
          OnCallConfig.Participant person = participants.get(p);
          String at = path + ".layers[" + l + "].participants[" + p + "]";
          if (ConfigValidator.blank(person.slackUserId())) {
            warn.accept(
                at + ".slackUserId",
                person.name() + " has no Slack user id: Slack pages and handoff notices miss them");
          }
          if (ConfigValidator.blank(person.phone())) {
            warn.accept(
                at + ".phone", person.name() + " has no phone: sms: and call: pages miss them");
          }
        }
      }
    }
  }
}
