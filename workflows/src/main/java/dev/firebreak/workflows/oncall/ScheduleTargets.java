package dev.firebreak.workflows.oncall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An escalation level's {@code schedule:NAME} targets, turned into the addresses of the people the
 * schedules have on call. The one rule for it, whether the incident asks each schedule by an
 * activity of its own (runs that began before {@link OnCallPaging}) or the page asks them itself.
 */
public final class ScheduleTargets {

  public static final String PREFIX = "schedule:";

  private ScheduleTargets() {}

  public static boolean any(List<String> targets) {
    return targets.stream().anyMatch(target -> target.startsWith(PREFIX));
  }

  /**
   * The level's targets with each schedule replaced by its person's address (a person two schedules
   * share, once), and what every schedule answered, in the targets' order.
   *
   * @param ask asks the schedule of that name; called once per schedule target, in order
   */
  public static Resolved resolve(List<String> targets, Function<String, ScheduleAnswer> ask) {
    List<String> addresses = new ArrayList<>();
    List<ScheduleAnswer> answers = new ArrayList<>();
    for (String target : targets) {
      if (!target.startsWith(PREFIX)) {
        addresses.add(target);
        continue;
      }
      ScheduleAnswer answer = ask.apply(target.substring(PREFIX.length()));
      answers.add(answer);
      String address = answer.pageAddress();
      // Two schedules may put the same person on call; they are woken once.
      if (address != null && !addresses.contains(address)) {
        addresses.add(address);
      }
    }
    return new Resolved(List.copyOf(addresses), List.copyOf(answers));
  }

  /**
   * @param addresses what to page; empty when the level reaches nobody
   */
  public record Resolved(List<String> addresses, List<ScheduleAnswer> answers) {}
}
